package dev.naistoken.introspection;

import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The JDK client's {@code sendAsync}, for a reactive application without Reactor Netty. Non-blocking,
 * but the JDK completes every future it returns on {@code CompletableFuture}'s default executor, which
 * starts a thread per response when the common pool has fewer than two threads (machines with fewer
 * than 3 cores); Reactor Netty's transport has no such cost.
 */
final class JdkAsyncExchange implements NonBlockingExchange {

	private final HttpClient http;

	JdkAsyncExchange(HttpClient http) {
		this.http = http;
	}

	@Override
	public CompletableFuture<IntrospectionClient.Response> exchange(IntrospectionClient.Attempt attempt) {
		IntrospectionClient.BodyDeadline body = new IntrospectionClient.BodyDeadline(attempt);
		ScheduledFuture<?> timer = IntrospectionClient.Deadlines.SCHEDULER.schedule(body::expire,
				attempt.remainingMillis(), TimeUnit.MILLISECONDS);
		return this.http.sendAsync(IntrospectionClient.request(attempt), body::subscriber)
			.thenApply((response) -> new IntrospectionClient.Response(response.statusCode(), response.body()))
			.whenComplete((response, failure) -> timer.cancel(false));
	}

	@Override
	public void close() {
		// The JDK client is the blocking path's as well, and needs no closing on Java 17.
	}

}
