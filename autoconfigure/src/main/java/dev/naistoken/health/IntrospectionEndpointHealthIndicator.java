package dev.naistoken.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectionEndpointClient;
import dev.naistoken.introspection.IntrospectionResult;

/**
 * Tells whether the introspection endpoint answers, by asking it about a dummy token that is not a
 * JWT: the endpoint refuses it with {@code active:false} before looking up any key, so the check costs
 * it little and involves no real token.
 * <p>
 * UP when the endpoint answers as its contract says (for this token, inactive); DOWN, with the cause,
 * when it cannot be reached or answers outside its contract, and when it refuses the request or says
 * the identity provider is not enabled, as every real token would then fail too. The check bypasses
 * the cache, the metrics and the request log.
 *
 * @since 0.1.0
 */
public final class IntrospectionEndpointHealthIndicator implements HealthIndicator {

	/** Not a JWT, so the endpoint refuses it at once. */
	static final String PROBE_TOKEN = "nais-token-health-probe";

	private final IntrospectionEndpointClient client;

	private final IdentityProvider provider;

	/**
	 * Creates a health indicator.
	 * @param client the endpoint client the introspector uses too
	 * @param provider the identity provider the application's tokens are sent for
	 */
	public IntrospectionEndpointHealthIndicator(IntrospectionEndpointClient client, IdentityProvider provider) {
		this.client = client;
		this.provider = provider;
	}

	@Override
	public Health health() {
		IntrospectionResult result = this.client.introspect(this.provider, PROBE_TOKEN);
		if (result instanceof IntrospectionResult.Unavailable unavailable) {
			return down(unavailable.cause());
		}
		if (result instanceof IntrospectionResult.Misconfigured misconfigured) {
			return down(misconfigured.problem());
		}
		return Health.up().withDetail("identityProvider", this.provider.wireValue()).build();
	}

	private Health down(String cause) {
		return Health.down().withDetail("identityProvider", this.provider.wireValue()).withDetail("error", cause).build();
	}

}
