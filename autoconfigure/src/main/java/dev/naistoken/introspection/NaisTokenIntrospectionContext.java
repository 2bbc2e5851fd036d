package dev.naistoken.introspection;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one introspection knows: the identity provider asked, and, once it ended,
 * how, and whether the cache answered. Holds nothing from the token or its claims.
 *
 * @since 0.1.0
 */
public class NaisTokenIntrospectionContext extends Observation.Context {

	private IdentityProvider provider;

	private @Nullable String outcome;

	private boolean cacheHit;

	/**
	 * Creates a context.
	 * @param provider the identity provider the token is sent for
	 * @param cacheHit whether the cache answers unless it says otherwise ({@code false} without a cache)
	 */
	public NaisTokenIntrospectionContext(IdentityProvider provider, boolean cacheHit) {
		this.provider = provider;
		this.cacheHit = cacheHit;
	}

	/**
	 * The identity provider: the one the token was sent for, or, when tokens are routed by issuer and
	 * the introspection has not ended as active, the configured provider.
	 * @return the provider
	 */
	public IdentityProvider getProvider() {
		return this.provider;
	}

	void setProvider(IdentityProvider provider) {
		this.provider = provider;
	}

	/**
	 * How the introspection ended: {@code active}, {@code inactive}, {@code unavailable} or
	 * {@code misconfigured}.
	 * @return the outcome, {@code null} while it runs
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	void setOutcome(String outcome) {
		this.outcome = outcome;
	}

	/**
	 * Whether a stored entry answered.
	 * @return {@code true} for a cache hit
	 */
	public boolean isCacheHit() {
		return this.cacheHit;
	}

	void miss() {
		this.cacheHit = false;
	}

}
