package dev.naistoken.introspection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The HTTP call to the introspection endpoint, and nothing else: what the answer means is
 * {@link IntrospectionResponseReader}'s job.
 * <p>
 * One {@link HttpClient} per instance keeps keep-alive connections to the loopback endpoint pooled.
 * The body is written as bytes by this class (not handed to a converter that logs it), so the token
 * appears in no log line at any level. Plain HTTP/1.1: the endpoint is a loopback sidecar, and an
 * HTTP/2 upgrade attempt would only cost a round trip.
 */
public final class IntrospectionClient {

	/** Answers larger than this are not the endpoint's contract (a claims set is a few KiB). */
	public static final int MAX_RESPONSE_BYTES = 256 * 1024;

	private final HttpClient http;

	private final URI endpoint;

	private final RequestFormat format;

	private final Duration readTimeout;

	private final long deadlineMillis;

	private final IntrospectionRequestHeaders headers;

	/**
	 * Creates a client for one endpoint.
	 * @param endpoint the endpoint's URL, as in {@code NAIS_TOKEN_INTROSPECTION_ENDPOINT}
	 * @param format how the request body is encoded
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for the answer once the request is sent; with the connect
	 * timeout it also bounds the whole exchange, body included
	 */
	public IntrospectionClient(URI endpoint, RequestFormat format, Duration connectTimeout, Duration readTimeout) {
		this(endpoint, format, connectTimeout, readTimeout, IntrospectionRequestHeaders.NONE);
	}

	/**
	 * Creates a client for one endpoint that adds headers to each request.
	 * @param endpoint the endpoint's URL, as in {@code NAIS_TOKEN_INTROSPECTION_ENDPOINT}
	 * @param format how the request body is encoded
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for the answer once the request is sent
	 * @param headers headers for each request, such as the current span's {@code traceparent}
	 */
	public IntrospectionClient(URI endpoint, RequestFormat format, Duration connectTimeout, Duration readTimeout,
			IntrospectionRequestHeaders headers) {
		this.headers = headers;
		this.endpoint = endpoint;
		this.format = format;
		this.readTimeout = readTimeout;
		this.deadlineMillis = connectTimeout.plus(readTimeout).toMillis();
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			// Never the JVM's proxy settings (http.proxyHost, a default ProxySelector): a proxy would see
			// every token and could answer for the endpoint.
			.proxy(HttpClient.Builder.NO_PROXY)
			.build();
	}

	/**
	 * Posts one token to the endpoint.
	 * @param provider the identity provider the token should be validated against
	 * @param token the bearer token
	 * @return the status and body as received
	 * @throws IntrospectionUnavailableException when no complete answer arrived in time
	 */
	public Response post(IdentityProvider provider, String token) {
		byte[] body = body(provider, token);
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.deadlineMillis);
		try {
			return exchange(body, deadline);
		}
		catch (RetryableFailure ex) {
			// A keep-alive connection the endpoint closed just as it was reused fails at once with an
			// I/O error. Introspection changes nothing, so one more try, on a fresh connection and
			// with only what is left of the deadline, is safe; a second failure is the endpoint's.
			try {
				return exchange(body, deadline);
			}
			catch (RetryableFailure again) {
				throw unavailable(again.getCause());
			}
		}
	}

	private Response exchange(byte[] requestBody, long deadline) {
		long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
		if (remainingMillis <= 0) {
			throw deadlinePassed(null);
		}
		// The request timeout runs from before the connect to the status line, so bounding it by the
		// time left bounds a retry's connect too (the client's connect timeout is fixed per client).
		boolean cutByDeadline = remainingMillis < this.readTimeout.toMillis();
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.endpoint)
			.timeout(cutByDeadline ? Duration.ofMillis(remainingMillis) : this.readTimeout)
			.header("Content-Type", contentType())
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(requestBody));
		for (Map.Entry<String, String> header : this.headers.current().entrySet()) {
			builder.header(header.getKey(), header.getValue());
		}
		HttpRequest request = builder.build();
		// The request timeout ends with the status line; the deadline also bounds the body, so an
		// endpoint that stalls mid-answer cannot hold the caller's thread for ever. The synchronous
		// send() matters: sendAsync() hands every completed response to CompletableFuture's default
		// executor, which on a 2-core machine starts a new thread per response.
		BodyDeadline body = new BodyDeadline();
		ScheduledFuture<?> timer = Deadlines.SCHEDULER.schedule(body::expire, remainingMillis, TimeUnit.MILLISECONDS);
		try {
			HttpResponse<byte[]> response = this.http.send(request, body::subscriber);
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			if (body.expired || (cutByDeadline && ex instanceof HttpTimeoutException)) {
				throw deadlinePassed(ex);
			}
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof IntrospectionUnavailableException unavailable) {
					throw unavailable;
				}
			}
			if (ex instanceof ConnectException || ex instanceof HttpTimeoutException) {
				throw unavailable(ex);
			}
			throw new RetryableFailure(ex);
		}
		catch (InterruptedException ex) {
			body.expire();
			Thread.currentThread().interrupt();
			throw new IntrospectionUnavailableException("interrupted while waiting for the introspection endpoint",
					ex);
		}
		finally {
			timer.cancel(false);
		}
	}

	private IntrospectionUnavailableException deadlinePassed(@Nullable Throwable cause) {
		return new IntrospectionUnavailableException(
				"the introspection endpoint did not send a whole answer within " + this.deadlineMillis + " ms", cause);
	}

	private IntrospectionUnavailableException unavailable(Throwable cause) {
		if (cause instanceof HttpConnectTimeoutException) {
			return new IntrospectionUnavailableException("connection to the introspection endpoint timed out", cause);
		}
		if (cause instanceof HttpTimeoutException) {
			return new IntrospectionUnavailableException(
					"the introspection endpoint did not answer within " + this.readTimeout.toMillis() + " ms", cause);
		}
		if (cause instanceof ConnectException) {
			return new IntrospectionUnavailableException("the introspection endpoint refused the connection", cause);
		}
		return new IntrospectionUnavailableException(
				"I/O error talking to the introspection endpoint (" + cause.getClass().getSimpleName() + ")", cause);
	}

	private String contentType() {
		return (this.format == RequestFormat.JSON) ? "application/json"
				: "application/x-www-form-urlencoded";
	}

	byte[] body(IdentityProvider provider, String token) {
		String body = (this.format == RequestFormat.JSON)
				? "{\"identity_provider\":\"" + provider.wireValue() + "\",\"token\":\"" + jsonEscape(token) + "\"}"
				: "identity_provider=" + provider.wireValue() + "&token="
						+ URLEncoder.encode(token, StandardCharsets.UTF_8);
		return body.getBytes(StandardCharsets.UTF_8);
	}

	private static IntrospectionUnavailableException tooLarge() {
		return new IntrospectionUnavailableException(
				"the introspection endpoint's answer is larger than " + MAX_RESPONSE_BYTES + " bytes");
	}

	private static String jsonEscape(String value) {
		StringBuilder out = null;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\' || c < 0x20) {
				if (out == null) {
					out = new StringBuilder(value.length() + 16).append(value, 0, i);
				}
				out.append(String.format("\\u%04x", (int) c));
			}
			else if (out != null) {
				out.append(c);
			}
		}
		return (out != null) ? out.toString() : value;
	}

	/**
	 * Collects the answer up to {@link #MAX_RESPONSE_BYTES}, and cancels the exchange (closing the
	 * connection) as soon as it is declared or has grown larger, so an endless answer costs no more
	 * memory than the bound.
	 */
	private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

		private final CompletableFuture<byte[]> body = new CompletableFuture<>();

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final boolean declaredTooLarge;

		private Flow.@Nullable Subscription subscription;

		BoundedBody(HttpResponse.ResponseInfo info) {
			this.declaredTooLarge = info.headers().firstValueAsLong("Content-Length").orElse(-1) > MAX_RESPONSE_BYTES;
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.body;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			if (this.declaredTooLarge) {
				tooLarge(subscription);
				return;
			}
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			for (ByteBuffer buffer : buffers) {
				if (this.body.isDone()) {
					return;
				}
				Flow.Subscription subscription = this.subscription;
				if (subscription != null && this.bytes.size() + buffer.remaining() > MAX_RESPONSE_BYTES) {
					tooLarge(subscription);
					return;
				}
				byte[] chunk = new byte[buffer.remaining()];
				buffer.get(chunk);
				this.bytes.writeBytes(chunk);
			}
		}

		@Override
		public void onError(Throwable failure) {
			this.body.completeExceptionally(failure);
		}

		@Override
		public void onComplete() {
			this.body.complete(this.bytes.toByteArray());
		}

		void expire() {
			Flow.Subscription subscription = this.subscription;
			if (subscription != null) {
				subscription.cancel();
			}
			this.body.completeExceptionally(new IOException("the answer's body did not arrive in time"));
		}

		private void tooLarge(Flow.Subscription subscription) {
			subscription.cancel();
			this.body.completeExceptionally(IntrospectionClient.tooLarge());
		}

	}

	/**
	 * What the endpoint sent back.
	 * @param status the HTTP status
	 * @param body the body, at most {@link #MAX_RESPONSE_BYTES} bytes
	 */
	public record Response(int status, byte[] body) {
	}

	/** One daemon thread that ends exchanges past their deadline, shared by every client. */
	private static final class Deadlines {

		static final ScheduledThreadPoolExecutor SCHEDULER = scheduler();

		private static ScheduledThreadPoolExecutor scheduler() {
			ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, "nais-token-introspection-deadline");
				thread.setDaemon(true);
				return thread;
			});
			// Nearly every timer is cancelled long before it fires: drop them at once.
			scheduler.setRemoveOnCancelPolicy(true);
			return scheduler;
		}

	}

	/** The body of one exchange, and the deadline that may end it before it is whole. */
	private static final class BodyDeadline {

		volatile boolean expired;

		private volatile @Nullable BoundedBody body;

		BoundedBody subscriber(HttpResponse.ResponseInfo info) {
			BoundedBody subscriber = new BoundedBody(info);
			this.body = subscriber;
			if (this.expired) {
				subscriber.expire();
			}
			return subscriber;
		}

		void expire() {
			this.expired = true;
			BoundedBody subscriber = this.body;
			if (subscriber != null) {
				subscriber.expire();
			}
		}

	}

	/** An I/O failure worth one more try: not a refusal, not a timeout. */
	private static final class RetryableFailure extends RuntimeException {

		RetryableFailure(IOException cause) {
			super(null, cause, false, false);
		}

	}

}
