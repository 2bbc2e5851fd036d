package dev.naistoken.introspection;

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
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final long deadlineMillis;

	private final IntrospectionRequestHeaders headers;

	private volatile @Nullable NonBlockingExchange nonBlocking;

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
		this.connectTimeout = connectTimeout;
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
	 * Posts one token to the endpoint, on the calling thread.
	 * @param provider the identity provider the token should be validated against
	 * @param token the bearer token
	 * @return the status and body as received
	 * @throws IntrospectionUnavailableException when no complete answer arrived in time
	 */
	public Response post(IdentityProvider provider, String token) {
		Post post = new Post(body(provider, token), this.headers.current());
		while (true) {
			Attempt attempt = post.next();
			try {
				return exchange(attempt);
			}
			catch (IOException ex) {
				post.failed(attempt, ex);
			}
		}
	}

	/**
	 * Posts one token to the endpoint without blocking the calling thread or any other: the same
	 * timeouts, deadline, retry rule and bound on the answer as {@link #post}, on a non-blocking
	 * transport ({@link NonBlockingExchange#create}). The request's headers are read on the calling
	 * thread, before this method returns.
	 * @param provider the identity provider the token should be validated against
	 * @param token the bearer token
	 * @return the status and body as received; completes exceptionally with an
	 * {@link IntrospectionUnavailableException} when no complete answer arrived in time
	 */
	public CompletableFuture<Response> postAsync(IdentityProvider provider, String token) {
		return postAsync(new Post(body(provider, token), this.headers.current()));
	}

	private CompletableFuture<Response> postAsync(Post post) {
		Attempt attempt;
		try {
			attempt = post.next();
		}
		catch (IntrospectionUnavailableException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return nonBlocking().exchange(attempt).exceptionallyCompose((failure) -> {
			try {
				post.failed(attempt, (failure instanceof CompletionException) ? failure.getCause() : failure);
			}
			catch (RuntimeException meaning) {
				return CompletableFuture.failedFuture(meaning);
			}
			return postAsync(post);
		});
	}

	private NonBlockingExchange nonBlocking() {
		NonBlockingExchange exchange = this.nonBlocking;
		if (exchange == null) {
			synchronized (this) {
				exchange = this.nonBlocking;
				if (exchange == null) {
					exchange = NonBlockingExchange.create(this.http, this.connectTimeout);
					this.nonBlocking = exchange;
				}
			}
		}
		return exchange;
	}

	/**
	 * Releases the connections of the non-blocking transport, when one was made.
	 */
	public void close() {
		NonBlockingExchange exchange = this.nonBlocking;
		if (exchange != null) {
			exchange.close();
		}
	}

	static HttpRequest request(Attempt attempt) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(attempt.endpoint())
			.timeout(attempt.timeout())
			.header("Content-Type", attempt.contentType())
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
		for (Map.Entry<String, String> header : attempt.headers().entrySet()) {
			builder.header(header.getKey(), header.getValue());
		}
		return builder.build();
	}

	private Response exchange(Attempt attempt) throws IOException {
		// The request timeout ends with the status line; the deadline also bounds the body, so an
		// endpoint that stalls mid-answer cannot hold the caller's thread for ever. The synchronous
		// send() matters: sendAsync() hands every completed response to CompletableFuture's default
		// executor, which on a 2-core machine starts a new thread per response.
		BodyDeadline body = new BodyDeadline(attempt);
		ScheduledFuture<?> timer = Deadlines.SCHEDULER.schedule(body::expire, attempt.remainingMillis(),
				TimeUnit.MILLISECONDS);
		try {
			HttpResponse<byte[]> response = this.http.send(request(attempt), body::subscriber);
			return new Response(response.statusCode(), response.body());
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

	/**
	 * One post to the endpoint, on either transport: its body, its deadline (connect and read timeouts
	 * together, for the whole exchange and its retry), and the rule that decides what a failed attempt
	 * means. A keep-alive connection the endpoint closed just as it was reused fails at once with an I/O
	 * error. Introspection changes nothing, so one more try, on a fresh connection and with only what
	 * is left of the deadline, is safe; a second failure is the endpoint's. A refusal or a timeout is
	 * the endpoint's at once.
	 */
	private final class Post {

		private final byte[] body;

		private final Map<String, String> headers;

		private final long deadline;

		private int attempts;

		Post(byte[] body, Map<String, String> headers) {
			this.body = body;
			this.headers = headers;
			this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IntrospectionClient.this.deadlineMillis);
		}

		Attempt next() {
			long remainingMillis = TimeUnit.NANOSECONDS.toMillis(this.deadline - System.nanoTime());
			if (remainingMillis <= 0) {
				throw deadlinePassed(null);
			}
			this.attempts++;
			// The request timeout runs from before the connect to the status line, so bounding it by the
			// time left bounds a retry's connect too (the connect timeout is fixed per client).
			long readMillis = IntrospectionClient.this.readTimeout.toMillis();
			boolean cutByDeadline = remainingMillis < readMillis;
			return new Attempt(IntrospectionClient.this.endpoint, contentType(), this.headers, this.body,
					Duration.ofMillis(cutByDeadline ? remainingMillis : readMillis), remainingMillis, cutByDeadline);
		}

		/**
		 * Returns when the failed attempt is worth one more try; throws what it means otherwise.
		 */
		void failed(Attempt attempt, Throwable ex) {
			if (attempt.expired() || (attempt.cutByDeadline() && ex instanceof HttpTimeoutException)) {
				throw deadlinePassed(ex);
			}
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof IntrospectionUnavailableException unavailable) {
					throw unavailable;
				}
			}
			if (ex instanceof ConnectException || ex instanceof HttpTimeoutException || this.attempts > 1) {
				throw unavailable(ex);
			}
		}

	}

	/**
	 * One try of a {@link Post}, as a transport sends it.
	 * @param endpoint where to post
	 * @param contentType the body's type
	 * @param headers headers besides content type and accept
	 * @param body the body, which holds the token
	 * @param timeout how long to wait for the status line
	 * @param remainingMillis what is left of the deadline, for the whole exchange
	 * @param cutByDeadline whether the deadline cut the timeout short
	 * @param expiry set when the deadline ended the exchange
	 */
	record Attempt(URI endpoint, String contentType, Map<String, String> headers, byte[] body, Duration timeout,
			long remainingMillis, boolean cutByDeadline, AtomicBoolean expiry) {

		Attempt(URI endpoint, String contentType, Map<String, String> headers, byte[] body, Duration timeout,
				long remainingMillis, boolean cutByDeadline) {
			this(endpoint, contentType, headers, body, timeout, remainingMillis, cutByDeadline, new AtomicBoolean());
		}

		boolean expired() {
			return this.expiry.get();
		}

		void expire() {
			this.expiry.set(true);
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

	static IntrospectionUnavailableException tooLarge() {
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

		private final BoundedBytes bytes = new BoundedBytes();

		private final boolean declaredTooLarge;

		private Flow.@Nullable Subscription subscription;

		BoundedBody(HttpResponse.ResponseInfo info) {
			this.declaredTooLarge = BoundedBytes.tooLarge(info.headers().firstValueAsLong("Content-Length").orElse(-1));
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
				if (subscription != null && !this.bytes.add(buffer)) {
					tooLarge(subscription);
					return;
				}
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
	static final class Deadlines {

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
	static final class BodyDeadline {

		private final Attempt attempt;

		private volatile @Nullable BoundedBody body;

		BodyDeadline(Attempt attempt) {
			this.attempt = attempt;
		}

		HttpResponse.BodySubscriber<byte[]> subscriber(HttpResponse.ResponseInfo info) {
			BoundedBody subscriber = new BoundedBody(info);
			this.body = subscriber;
			if (this.attempt.expired()) {
				subscriber.expire();
			}
			return subscriber;
		}

		void expire() {
			this.attempt.expire();
			BoundedBody subscriber = this.body;
			if (subscriber != null) {
				subscriber.expire();
			}
		}

	}

}
