package dev.naistoken.introspection.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.naistoken.introspection.IntrospectionUnavailableException;

/**
 * Remembers active tokens' claims until {@code min(exp, now + maxTtl)}, keyed by the token's SHA-256;
 * the endpoint keeps no cache and verifies every token again. A bean of its own, asked by every
 * introspector ({@link #get}), so whoever asks knows whether it was a hit, and metrics read its
 * {@link #size()} from the bean.
 * <p>
 * Only what the loader returns is kept, so only active tokens: a loader that throws (inactive token,
 * unavailable endpoint, misconfiguration) is asked again next time. Concurrent first requests for one
 * token make one call: the first caller loads, the others wait for its answer (or its failure; but when
 * the first caller's thread is interrupted, the others ask again rather than share its failure). An
 * entry is never served at or after its token's {@code exp}, whatever the TTL. Past {@code maxSize}
 * entries, expired ones go first, then the ones that expire soonest (they have the least left to give),
 * down to 90% of the bound, so a sweep runs once per {@code maxSize / 10} new tokens.
 * <p>
 * Compared with Caffeine in the benchmarks (see their README): a cache of short-lived tokens whose
 * entries expire by themselves gains nothing from Caffeine's frequency-based eviction.
 *
 * @since 0.1.0
 */
public final class IntrospectionCache {

	private static final Runnable NOTHING = () -> {
	};

	private final int maxSize;

	private final long maxTtlMillis;

	private final Clock clock;

	/** Each entry is its own key. */
	private final ConcurrentHashMap<TokenHash, Entry> entries = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<TokenHash, CompletableFuture<Map<String, Object>>> inFlight = new ConcurrentHashMap<>();

	/** Requests answered from a stored entry; counted for the access report's hit ratio. */
	private final LongAdder hits = new LongAdder();

	/** Requests no stored entry answered. */
	private final LongAdder misses = new LongAdder();

	/**
	 * Creates a cache.
	 * @param maxSize the most entries kept
	 * @param maxTtl the longest an entry lives, whatever the token's {@code exp}
	 * @param clock the clock that decides expiry: the system clock (a test's movable one at most), never
	 * an application's business clock, which may stand still while a token's {@code exp} passes
	 */
	public IntrospectionCache(int maxSize, Duration maxTtl, Clock clock) {
		this.maxSize = maxSize;
		this.maxTtlMillis = maxTtl.toMillis();
		this.clock = clock;
	}

	/**
	 * The claims cached for a token, else what the loader returns, cached when it holds a whole-number
	 * {@code exp} (an {@link Instant}) still ahead.
	 * @param key the token's hash
	 * @param loader asks the endpoint; throws for anything but an active token
	 * @return the claims
	 */
	public Map<String, Object> get(TokenHash key, Supplier<Map<String, Object>> loader) {
		return get(key, loader, NOTHING);
	}

	/**
	 * As {@link #get(TokenHash, Supplier)}, and says when the cache could not answer.
	 * @param key the token's hash
	 * @param loader asks the endpoint; throws for anything but an active token
	 * @param onMiss run on the calling thread when no stored entry answers, before the loader is called
	 * or a concurrent request for the same token is waited for
	 * @return the claims
	 */
	public Map<String, Object> get(TokenHash key, Supplier<Map<String, Object>> loader, Runnable onMiss) {
		Map<String, Object> cached = lookup(key);
		if (cached != null) {
			this.hits.increment();
			return cached;
		}
		this.misses.increment();
		onMiss.run();
		while (true) {
			CompletableFuture<Map<String, Object>> flight = new CompletableFuture<>();
			CompletableFuture<Map<String, Object>> leader = this.inFlight.putIfAbsent(key, flight);
			if (leader == null) {
				return lead(key, loader, flight);
			}
			Map<String, Object> claims = await(leader);
			if (claims != null) {
				return claims;
			}
			// The leader was interrupted: ask again, and one of the waiting requests leads this time.
		}
	}

	private Map<String, Object> lead(TokenHash key, Supplier<Map<String, Object>> loader,
			CompletableFuture<Map<String, Object>> flight) {
		try {
			// A flight that ended between the lookup and putIfAbsent has stored its answer by now.
			Map<String, Object> claims = lookup(key);
			if (claims == null) {
				claims = loader.get();
				store(key, claims);
			}
			// Out of the map before the waiting requests wake, so none of them finds this flight again.
			this.inFlight.remove(key, flight);
			flight.complete(claims);
			return claims;
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
	 * As {@link #get(TokenHash, Supplier, Runnable)}, without blocking: for the reactive stack. Shares
	 * the flights of the blocking {@code get}, so concurrent first requests for one token make one call
	 * whichever stack asks. The returned future is the caller's own: cancelling it cancels neither the
	 * call nor what the other callers wait for; the call runs to its end (its deadline bounds it) and an
	 * active answer is cached for the next request. A failure is handed to every caller waiting at the
	 * time, and never cached.
	 * @param key the token's hash
	 * @param loader starts asking the endpoint; its future fails for anything but an active token
	 * @param onMiss run on the calling thread when no stored entry answers, before the loader is called
	 * or a concurrent request for the same token is joined
	 * @return the claims
	 */
	public CompletableFuture<Map<String, Object>> getAsync(TokenHash key,
			Supplier<CompletableFuture<Map<String, Object>>> loader, Runnable onMiss) {
		Map<String, Object> cached = lookup(key);
		if (cached != null) {
			return CompletableFuture.completedFuture(cached);
		}
		onMiss.run();
		return join(key, loader);
	}

	private CompletableFuture<Map<String, Object>> join(TokenHash key,
			Supplier<CompletableFuture<Map<String, Object>>> loader) {
		CompletableFuture<Map<String, Object>> flight = new CompletableFuture<>();
		CompletableFuture<Map<String, Object>> leader = this.inFlight.putIfAbsent(key, flight);
		if (leader != null) {
			// A blocking leader whose thread was interrupted hands over no answer: ask again.
			return leader.handle((claims, failure) -> {
				if (failure == null) {
					return CompletableFuture.completedFuture(claims);
				}
				Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
						? failure.getCause() : failure;
				return (cause instanceof LeaderInterrupted) ? join(key, loader)
						: CompletableFuture.<Map<String, Object>>failedFuture(cause);
			}).thenCompose((next) -> next);
		}
		// A flight that ended between the lookup and putIfAbsent has stored its answer by now.
		Map<String, Object> stored = lookup(key);
		if (stored != null) {
			land(key, flight, stored, null);
			return flight.copy();
		}
		CompletableFuture<Map<String, Object>> load;
		try {
			load = loader.get();
		}
		catch (RuntimeException | Error ex) {
			land(key, flight, null, ex);
			throw ex;
		}
		load.whenComplete((claims, failure) -> land(key, flight, claims, failure));
		return flight.copy();
	}

	/** Ends a flight: the answer stored, the flight out of the map, then the waiting callers woken. */
	private void land(TokenHash key, CompletableFuture<Map<String, Object>> flight,
			@Nullable Map<String, Object> claims, @Nullable Throwable failure) {
		if (failure == null && claims != null) {
			store(key, claims);
			this.inFlight.remove(key, flight);
			flight.complete(claims);
			return;
		}
		this.inFlight.remove(key, flight);
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		flight.completeExceptionally((cause != null) ? cause
				: new IntrospectionUnavailableException("introspection ended without an answer"));
	}

	/**
	 * The number of entries held, expired ones included until they are swept.
	 * @return the number of entries
	 */
	public int size() {
		return this.entries.size();
	}

	/**
	 * How many requests a stored entry answered since start.
	 * @return the number of hits
	 */
	public long hits() {
		return this.hits.sum();
	}

	/**
	 * How many requests no stored entry answered since start (each asked the endpoint or waited for a
	 * concurrent request that did).
	 * @return the number of misses
	 */
	public long misses() {
		return this.misses.sum();
	}

	private @Nullable Map<String, Object> lookup(TokenHash key) {
		Entry entry = this.entries.get(key);
		if (entry == null) {
			return null;
		}
		if (entry.expiresAtMillis > this.clock.millis()) {
			return entry.claims;
		}
		// By identity: an entry equals any entry for the same token, and a fresh one may have replaced it.
		this.entries.computeIfPresent(key, (hash, current) -> (current == entry) ? null : current);
		return null;
	}

	private void store(TokenHash key, Map<String, Object> claims) {
		Object exp = claims.get("exp");
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
		Entry entry = new Entry(key, claims, until);
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
	private static @Nullable Map<String, Object> await(
			CompletableFuture<Map<String, Object>> leader) {
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

	/** Cached claims, and their own key (saves an object per entry). */
	private static final class Entry extends TokenHash {

		final Map<String, Object> claims;

		final long expiresAtMillis;

		Entry(TokenHash hash, Map<String, Object> claims, long expiresAtMillis) {
			super(hash);
			this.claims = claims;
			this.expiresAtMillis = expiresAtMillis;
		}

	}

}
