package dev.naistoken.introspection;

import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Reactor Netty's client as the non-blocking transport: it runs on Reactor Netty's event loops, so a
 * request waiting for the endpoint holds no thread, and no thread is started per response (the JDK
 * client's {@code sendAsync} starts one on small machines, see {@link JdkAsyncExchange}).
 * <p>
 * A connection pool of its own: up to {@value #MAX_CONNECTIONS} keep-alive connections to the
 * loopback endpoint, and an unbounded queue of requests waiting for one (each bounded by its own
 * deadline), rather than Reactor Netty's default pool, which refuses requests past twice its size
 * with an error that would become a 503 under a burst. The endpoint serves one call per provider at a
 * time, so more connections would only queue there instead. No proxy, no redirects, HTTP/1.1, and
 * none of Reactor Netty's own retries: {@link IntrospectionClient} decides the one retry, for both
 * stacks. The body is written as bytes, so the token reaches no log.
 */
final class ReactorNettyExchange implements NonBlockingExchange {

	static final int MAX_CONNECTIONS = 64;

	/** Deadlines run on the one timer thread the blocking path uses too. */
	private static final Scheduler DEADLINES = Schedulers.fromExecutorService(IntrospectionClient.Deadlines.SCHEDULER,
			"nais-token-introspection-deadline");

	private final ConnectionProvider connections;

	private final HttpClient http;

	ReactorNettyExchange(Duration connectTimeout) {
		this.connections = ConnectionProvider.builder("nais-token-introspection")
			.maxConnections(MAX_CONNECTIONS)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(Duration.ofSeconds(30))
			.build();
		this.http = HttpClient.create(this.connections)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
			.followRedirect(false)
			.disableRetry(true);
	}

	@Override
	public CompletableFuture<IntrospectionClient.Response> exchange(IntrospectionClient.Attempt attempt) {
		return this.http.post()
			.uri(attempt.endpoint())
			.send((request, outbound) -> {
				request.responseTimeout(attempt.timeout());
				request.header(HttpHeaderNames.CONTENT_TYPE, attempt.contentType());
				request.header(HttpHeaderNames.ACCEPT, "application/json");
				request.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(attempt.body().length));
				for (Map.Entry<String, String> header : attempt.headers().entrySet()) {
					request.header(header.getKey(), header.getValue());
				}
				return outbound.sendByteArray(Mono.just(attempt.body()));
			})
			.responseConnection((response, connection) -> {
				int status = response.status().code();
				String declared = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
				if (declared != null && BoundedBytes.tooLarge(parse(declared))) {
					return Mono.error(IntrospectionClient.tooLarge());
				}
				BoundedBytes bytes = new BoundedBytes();
				return connection.inbound().receive().<Object>handle((ByteBuf chunk, reactor.core.publisher.SynchronousSink<Object> sink) -> {
					if (!bytes.add(chunk.nioBuffer())) {
						sink.error(IntrospectionClient.tooLarge());
					}
				}).then(Mono.fromSupplier(() -> new IntrospectionClient.Response(status, bytes.toByteArray())));
			})
			.next()
			.timeout(Duration.ofMillis(attempt.remainingMillis()), DEADLINES)
			.onErrorMap((failure) -> inJdkTerms(failure, attempt))
			.toFuture();
	}

	private static long parse(String contentLength) {
		try {
			return Long.parseLong(contentLength.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** Reports a failure as the JDK client would, so that one rule decides for both stacks. */
	private static Throwable inJdkTerms(Throwable failure, IntrospectionClient.Attempt attempt) {
		if (failure instanceof TimeoutException) {
			attempt.expire();
			return new IOException("the answer did not arrive in time", failure);
		}
		if (failure instanceof ConnectTimeoutException) {
			HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("HTTP connect timed out");
			timeout.initCause(failure);
			return timeout;
		}
		if (failure instanceof ReadTimeoutException) {
			HttpTimeoutException timeout = new HttpTimeoutException("request timed out");
			timeout.initCause(failure);
			return timeout;
		}
		if (failure instanceof IOException || failure instanceof IntrospectionUnavailableException) {
			return failure;
		}
		return new IOException(failure.getClass().getSimpleName(), failure);
	}

	@Override
	public void close() {
		this.connections.dispose();
	}

}
