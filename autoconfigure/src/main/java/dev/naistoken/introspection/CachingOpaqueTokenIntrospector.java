package dev.naistoken.introspection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Remembers active tokens until {@code min(exp, now + maxTtl)}, keyed by the token's SHA-256; the
 * endpoint keeps no cache and verifies every token again.
 * <p>
 * Only positive answers are kept: an inactive token, an unavailable endpoint and a misconfiguration
 * are asked again next time. Concurrent first requests for one token make one call: the first caller
 * asks, the others wait for its answer (or its failure; but when the first caller's thread is
 * interrupted, the others ask again rather than share its failure). An entry is never served at or
 * after its token's {@code exp}, whatever the TTL. Past {@code maxSize} entries, expired ones go first, then the
 * ones that expire soonest (they have the least left to give), down to 90% of the bound, so a sweep
 * runs once per {@code maxSize / 10} new tokens.
 * <p>
 * Measured against Caffeine (see the benchmarks' README): the hit path costs the same, and this
 * structure holds about 50 bytes less per token with no dependency; a cache of short-lived tokens
 * whose entries expire by themselves gains nothing from Caffeine's frequency-based eviction.
 */
public final class CachingOpaqueTokenIntrospector implements OpaqueTokenIntrospector {

	private final OpaqueTokenIntrospector delegate;

	private final int maxSize;

	private final long maxTtlMillis;

	private final Clock clock;

	/** Each entry is its own key. */
	private final ConcurrentHashMap<TokenHash, Entry> entries = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<TokenHash, CompletableFuture<OAuth2AuthenticatedPrincipal>> inFlight = new ConcurrentHashMap<>();

	/**
	 * Creates a cache around an introspector.
	 * @param delegate the introspector that asks the endpoint
	 * @param maxSize the most entries kept
	 * @param maxTtl the longest an entry lives, whatever the token's {@code exp}
	 * @param clock the clock that decides expiry: the system clock (a test's movable one at most), never
	 * an application's business clock, which may stand still while a token's {@code exp} passes
	 */
	public CachingOpaqueTokenIntrospector(OpaqueTokenIntrospector delegate, int maxSize, Duration maxTtl,
			Clock clock) {
		this.delegate = delegate;
		this.maxSize = maxSize;
		this.maxTtlMillis = maxTtl.toMillis();
		this.clock = clock;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		return introspect(token, null);
	}

	/**
	 * Introspects a token as {@link #introspect(String)} does, and says when the cache could not answer:
	 * the hook that lets metrics tell hits from misses without seeing the token.
	 * @param token the bearer token
	 * @param onMiss run on the calling thread when no stored entry answers, before the endpoint is asked
	 * or a concurrent request for the same token is waited for; {@code null} for none
	 * @return the principal
	 */
	public OAuth2AuthenticatedPrincipal introspect(String token, @Nullable Runnable onMiss) {
		TokenHash key = TokenHash.of(token);
		OAuth2AuthenticatedPrincipal cached = lookup(key);
		if (cached != null) {
			return cached;
		}
		if (onMiss != null) {
			onMiss.run();
		}
		while (true) {
			CompletableFuture<OAuth2AuthenticatedPrincipal> flight = new CompletableFuture<>();
			CompletableFuture<OAuth2AuthenticatedPrincipal> leader = this.inFlight.putIfAbsent(key, flight);
			if (leader == null) {
				return lead(key, token, flight);
			}
			OAuth2AuthenticatedPrincipal principal = await(leader);
			if (principal != null) {
				return principal;
			}
			// The leader was interrupted: ask again, and one of the waiting requests leads this time.
		}
	}

	private OAuth2AuthenticatedPrincipal lead(TokenHash key, String token,
			CompletableFuture<OAuth2AuthenticatedPrincipal> flight) {
		try {
			// A flight that ended between the lookup and putIfAbsent has stored its answer by now.
			OAuth2AuthenticatedPrincipal principal = lookup(key);
			if (principal == null) {
				principal = this.delegate.introspect(token);
				store(key, principal);
			}
			// Out of the map before the waiting requests wake, so none of them finds this flight again.
			this.inFlight.remove(key, flight);
			flight.complete(principal);
			return principal;
		}
		catch (RuntimeException | Error ex) {
			this.inFlight.remove(key, flight);
			// An interrupted thread's failure is its own (its request was cancelled), not the endpoint's
			// answer: the waiting requests must not inherit it.
			flight.completeExceptionally(Thread.currentThread().isInterrupted() ? new LeaderInterrupted() : ex);
			throw ex;
		}
	}

	/**
	 * The number of entries held, expired ones included until they are swept.
	 * @return the number of entries
	 */
	public int size() {
		return this.entries.size();
	}

	private @Nullable OAuth2AuthenticatedPrincipal lookup(TokenHash key) {
		Entry entry = this.entries.get(key);
		if (entry == null) {
			return null;
		}
		if (entry.expiresAtMillis > this.clock.millis()) {
			return entry.principal;
		}
		// By identity: an entry equals any entry for the same token, and a fresh one may have replaced it.
		this.entries.computeIfPresent(key, (hash, current) -> (current == entry) ? null : current);
		return null;
	}

	private void store(TokenHash key, OAuth2AuthenticatedPrincipal principal) {
		Object exp = principal.getAttribute(OAuth2TokenIntrospectionClaimNames.EXP);
		if (!(exp instanceof Instant expiresAt)) {
			return;
		}
		long now = this.clock.millis();
		long ttlEnd = now + this.maxTtlMillis;
		// compared as Instants: an exp millions of years ahead has no epoch millis (toEpochMilli overflows)
		long until = expiresAt.isBefore(Instant.ofEpochMilli(ttlEnd)) ? expiresAt.toEpochMilli() : ttlEnd;
		if (until <= now) {
			return;
		}
		Entry entry = new Entry(key, principal, until);
		this.entries.put(entry, entry);
		if (this.entries.size() > this.maxSize) {
			evict(now);
		}
	}

	private synchronized void evict(long now) {
		int target = Math.max(1, this.maxSize - this.maxSize / 10);
		if (this.entries.size() <= this.maxSize) {
			return;
		}
		this.entries.values().removeIf((entry) -> entry.expiresAtMillis <= now);
		int excess = this.entries.size() - target;
		if (excess <= 0) {
			return;
		}
		long[] expiries = this.entries.values().stream().mapToLong((entry) -> entry.expiresAtMillis).toArray();
		Arrays.sort(expiries);
		long cutoff = expiries[Math.min(excess, expiries.length) - 1];
		this.entries.values().removeIf((entry) -> entry.expiresAtMillis < cutoff);
		Iterator<Entry> atCutoff = this.entries.values().iterator();
		while (this.entries.size() > target && atCutoff.hasNext()) {
			if (atCutoff.next().expiresAtMillis == cutoff) {
				atCutoff.remove();
			}
		}
	}

	/**
	 * The leader's answer, or its failure; {@code null} when the leader was interrupted, which says
	 * nothing about the token.
	 */
	private static @Nullable OAuth2AuthenticatedPrincipal await(
			CompletableFuture<OAuth2AuthenticatedPrincipal> leader) {
		try {
			return leader.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IntrospectionUnavailableException("interrupted while waiting for another request's introspection",
					ex);
		}
		catch (ExecutionException | CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof LeaderInterrupted) {
				return null;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IntrospectionUnavailableException("introspection failed", cause);
		}
	}

	/** Hands the waiting requests no answer: the leader's thread was interrupted. */
	private static final class LeaderInterrupted extends RuntimeException {

		LeaderInterrupted() {
			super(null, null, false, false);
		}

	}

	/** A cached principal, and its own key (saves an object per entry). */
	private static final class Entry extends TokenHash {

		final OAuth2AuthenticatedPrincipal principal;

		final long expiresAtMillis;

		Entry(TokenHash hash, OAuth2AuthenticatedPrincipal principal, long expiresAtMillis) {
			super(hash);
			this.principal = principal;
			this.expiresAtMillis = expiresAtMillis;
		}

	}

}
