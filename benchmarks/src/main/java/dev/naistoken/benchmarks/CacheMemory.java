package dev.naistoken.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

import java.util.Map;
import java.util.function.Supplier;

import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectionResponseReader;
import dev.naistoken.introspection.IntrospectionResult;
import dev.naistoken.introspection.cache.CaffeineIntrospectionCache;
import dev.naistoken.introspection.cache.IntrospectionCache;
import dev.naistoken.introspection.cache.TokenHash;

/**
 * The heap a full cache holds: fills a cache with {@code count} active tokens, each read from an
 * Entra-shaped answer by the starter's own reader, and prints the heap retained (used heap after a
 * full GC, before and after filling) per token and in total. Run in a JVM of its own
 * ({@code run.sh memory}).
 */
public final class CacheMemory {

	private static final long ISSUED_AT = 1_767_225_600L;

	private CacheMemory() {
	}

	public static void main(String[] args) {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		System.out.printf(Locale.ROOT, "%-10s %-58s %8s %12s%n", "cache", "claims", "MiB", "bytes/token");
		row("own", "contract user token (16 claims, 20 of 500 groups)", false, false, count);
		long realistic = row("own", "realistic Entra ID (+ aio, rh, uti, sid, azpacr), default", true, false,
				count);
		row("own", "realistic Entra ID, keep-internal-claims=true", true, true, count);
		row("caffeine", "realistic Entra ID, default", true, false, count);
		System.out.printf(Locale.ROOT, "%n%,d realistic Entra ID tokens cached: %.1f MiB of heap%n", count,
				realistic / 1048576.0);
	}

	private static long row(String implementation, String claims, boolean extras, boolean keepInternal, int count) {
		long bytes = retained(implementation, extras, count, new IntrospectionResponseReader(keepInternal));
		System.out.printf(Locale.ROOT, "%-10s %-58s %8.1f %12d%n", implementation, claims, bytes / 1048576.0,
				bytes / count);
		return bytes;
	}

	static long retained(String implementation, boolean extras, int count) {
		return retained(implementation, extras, count, new IntrospectionResponseReader());
	}

	static long retained(String implementation, boolean extras, int count, IntrospectionResponseReader reader) {
		int[] next = { 0 };
		Supplier<Map<String, Object>> endpoint = () -> {
			IntrospectionResult result = reader.read(200, EntraClaims.userToken(next[0]++, ISSUED_AT, extras),
					IdentityProvider.AZUREAD);
			return ((IntrospectionResult.Active) result).claims();
		};
		Clock clock = Clock.fixed(Instant.ofEpochSecond(ISSUED_AT), ZoneOffset.UTC);
		long before = usedAfterGc();
		IntrospectionCache own = implementation.equals("own")
				? new IntrospectionCache(count, Duration.ofMinutes(5), clock) : null;
		CaffeineIntrospectionCache caffeine = (own == null)
				? new CaffeineIntrospectionCache(count, Duration.ofMinutes(5), clock) : null;
		for (int i = 0; i < count; i++) {
			TokenHash key = TokenHash.of(EntraClaims.token(i));
			if (own != null) {
				own.get(key, endpoint);
			}
			else {
				caffeine.get(key, endpoint);
			}
		}
		long after = usedAfterGc();
		int held = (own != null) ? own.size() : (int) caffeine.size();
		if (held != count) {
			throw new IllegalStateException("cache holds " + held + " entries, expected " + count);
		}
		return after - before;
	}

	private static long usedAfterGc() {
		for (int i = 0; i < 4; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
