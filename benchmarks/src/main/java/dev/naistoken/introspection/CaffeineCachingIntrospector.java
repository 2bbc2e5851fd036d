package dev.naistoken.introspection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * The alternative {@link CachingOpaqueTokenIntrospector} was measured against: the same contract
 * (SHA-256 key, positive answers only, {@code min(exp, now + maxTtl)}, one call per new token) on
 * Caffeine. Benchmarks only.
 */
public final class CaffeineCachingIntrospector implements OpaqueTokenIntrospector {

	private final OpaqueTokenIntrospector delegate;

	private final Cache<TokenHash, OAuth2AuthenticatedPrincipal> cache;

	/**
	 * Creates the cache.
	 * @param delegate the introspector that asks the endpoint
	 * @param maxSize the most entries kept
	 * @param maxTtl the longest an entry lives
	 * @param clock the clock that decides expiry
	 */
	public CaffeineCachingIntrospector(OpaqueTokenIntrospector delegate, int maxSize, Duration maxTtl, Clock clock) {
		this.delegate = delegate;
		long maxTtlNanos = maxTtl.toNanos();
		this.cache = Caffeine.newBuilder()
			.maximumSize(maxSize)
			.ticker(() -> clock.millis() * 1_000_000L)
			.expireAfter(Expiry.<TokenHash, OAuth2AuthenticatedPrincipal>creating((key, principal) -> {
				Instant exp = principal.getAttribute(OAuth2TokenIntrospectionClaimNames.EXP);
				long untilExp = (exp != null) ? (exp.toEpochMilli() - clock.millis()) * 1_000_000L : 0;
				return Duration.ofNanos(Math.max(0, Math.min(untilExp, maxTtlNanos)));
			}))
			.build();
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		TokenHash key = TokenHash.of(token);
		OAuth2AuthenticatedPrincipal cached = this.cache.getIfPresent(key);
		if (cached != null) {
			return cached;
		}
		return this.cache.get(key, (hash) -> this.delegate.introspect(token));
	}

	/** The number of entries held. */
	public long size() {
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

}
