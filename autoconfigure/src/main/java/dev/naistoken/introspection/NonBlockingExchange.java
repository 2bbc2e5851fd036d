package dev.naistoken.introspection;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.springframework.util.ClassUtils;

/**
 * Sends one attempt of a post to the endpoint without parking a thread while it waits: the reactive
 * stack's transport. {@link IntrospectionClient} decides the timeout, deadline and retry of each
 * attempt; a transport only carries it, and reports failures in the JDK client's terms
 * ({@code ConnectException}, {@code HttpConnectTimeoutException}, {@code HttpTimeoutException}, other
 * {@code IOException}s, and {@code Attempt.expire()} when the deadline ended it), so the decision
 * is taken by one piece of code for both stacks.
 */
interface NonBlockingExchange extends AutoCloseable {

	/**
	 * Sends an attempt.
	 * @param attempt what to send, and for how long to wait
	 * @return the answer, or the failure
	 */
	CompletableFuture<IntrospectionClient.Response> exchange(IntrospectionClient.Attempt attempt);

	@Override
	void close();

	/**
	 * Reactor Netty when it is on the class path (as it is with WebFlux on its default server): its
	 * client runs on Reactor Netty's event loops, so an uncached request costs no thread at all. Otherwise the JDK client's {@code sendAsync} on a bounded executor of its own, which is
	 * non-blocking too, but whose completed futures the JDK hands to {@code CompletableFuture}'s default
	 * executor: with fewer than 3 cores that starts a thread per response.
	 */
	static NonBlockingExchange create(HttpClient jdkClient, Duration connectTimeout) {
		if (ClassUtils.isPresent("reactor.netty.http.client.HttpClient", NonBlockingExchange.class.getClassLoader())) {
			return new ReactorNettyExchange(connectTimeout);
		}
		return new JdkAsyncExchange(jdkClient);
	}

}
