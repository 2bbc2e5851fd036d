package dev.naistoken.introspection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Asks the introspection endpoint about one token and says what the answer means, failing closed:
 * the call ({@link IntrospectionClient}: deadline, one retry on a stale connection, no proxy, bounded
 * answer) and the reading ({@link IntrospectionResponseReader}) behind one method whose result holds no
 * Spring Security, servlet or blocking type. The servlet introspector, a reactive one, the health
 * indicator and an outgoing-token client share it; the identity provider is a parameter of each call,
 * so one client serves every provider.
 *
 * @since 0.1.0
 */
public class IntrospectionEndpointClient {

	private final IntrospectionClient client;

	private final IntrospectionResponseReader reader;

	/**
	 * Creates an endpoint client.
	 * @param client the HTTP call
	 * @param reader what an answer means
	 */
	public IntrospectionEndpointClient(IntrospectionClient client, IntrospectionResponseReader reader) {
		this.client = client;
		this.reader = reader;
	}

	/**
	 * Asks the endpoint about a token. Blocks the calling thread for at most the connect and read
	 * timeouts together.
	 * @param provider the identity provider the token should be validated against
	 * @param token the bearer token
	 * @return what the endpoint's answer means; {@link IntrospectionResult.Unavailable} when no
	 * complete answer arrived in time
	 */
	public IntrospectionResult introspect(IdentityProvider provider, String token) {
		IntrospectionClient.Response response;
		try {
			response = this.client.post(provider, token);
		}
		catch (IntrospectionUnavailableException ex) {
			String cause = ex.getMessage();
			return new IntrospectionResult.Unavailable(
					(cause != null) ? cause : "the introspection endpoint could not be asked");
		}
		return this.reader.read(response.status(), response.body(), provider);
	}

	/**
	 * Asks the endpoint about a token without blocking any thread: the same call, deadline, retry and
	 * reading as {@link #introspect}. The request's headers (such as the current span's
	 * {@code traceparent}) are read on the calling thread, before this method returns.
	 * @param provider the identity provider the token should be validated against
	 * @param token the bearer token
	 * @return what the endpoint's answer means; never completes exceptionally for an endpoint that
	 * cannot answer ({@link IntrospectionResult.Unavailable} says so)
	 */
	public CompletableFuture<IntrospectionResult> introspectAsync(IdentityProvider provider, String token) {
		return this.client.postAsync(provider, token).handle((response, failure) -> {
			if (failure == null) {
				return this.reader.read(response.status(), response.body(), provider);
			}
			Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
					? failure.getCause() : failure;
			String message = (cause instanceof IntrospectionUnavailableException) ? cause.getMessage() : null;
			return new IntrospectionResult.Unavailable(
					(message != null) ? message : "the introspection endpoint could not be asked");
		});
	}

	/**
	 * Releases the non-blocking transport's connections; Spring calls it when the context closes.
	 */
	public void close() {
		this.client.close();
	}

}
