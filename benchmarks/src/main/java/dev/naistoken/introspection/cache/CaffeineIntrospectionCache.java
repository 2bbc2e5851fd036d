package dev.naistoken.introspection.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * The alternative {@link IntrospectionCache} was measured against: the same contract (SHA-256 key,
 * positive answers only, {@code min(exp, now + maxTtl)}, one call per new token) on Caffeine.
 * Benchmarks only.
 */
public final class CaffeineIntrospectionCache {

	private final Cache<TokenHash, Map<String, Object>> cache;

	/**
	 * Creates the cache.
	 * @param maxSize the most entries kept
	 * @param maxTtl the longest an entry lives
	 * @param clock the clock that decides expiry
	 */
	public CaffeineIntrospectionCache(int maxSize, Duration maxTtl, Clock clock) {
		long maxTtlNanos = maxTtl.toNanos();
		this.cache = Caffeine.newBuilder()
			.maximumSize(maxSize)
			.ticker(() -> clock.millis() * 1_000_000L)
			.expireAfter(Expiry.<TokenHash, Map<String, Object>>creating((key, claims) -> {
				Object exp = claims.get("exp");
				long untilExp = (exp instanceof Instant at) ? (at.toEpochMilli() - clock.millis()) * 1_000_000L : 0;
				return Duration.ofNanos(Math.max(0, Math.min(untilExp, maxTtlNanos)));
			}))
			.build();
	}

	/**
	 * The claims cached for a token, else what the loader returns.
	 * @param key the token's hash
	 * @param loader asks the endpoint
	 * @return the claims
	 */
	public Map<String, Object> get(TokenHash key, Supplier<Map<String, Object>> loader) {
		Map<String, Object> cached = this.cache.getIfPresent(key);
		if (cached != null) {
			return cached;
		}
		return this.cache.get(key, (hash) -> loader.get());
	}

	/** The number of entries held. */
	public long size() {
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

}
