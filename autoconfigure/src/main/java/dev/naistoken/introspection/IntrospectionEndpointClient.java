package dev.naistoken.introspection;

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

}
