package dev.naistoken.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.introspection.CachingOpaqueTokenIntrospector;
import dev.naistoken.introspection.CaffeineCachingIntrospector;
import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectionResponseReader;
import dev.naistoken.introspection.IntrospectionResult;

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
		System.out.printf(Locale.ROOT, "%-12s %-40s %10s %12s%n", "cache", "claims", "MiB", "bytes/token");
		for (String implementation : new String[] { "own", "caffeine" }) {
			for (boolean extras : new boolean[] { false, true }) {
				long bytes = retained(implementation, extras, count);
				System.out.printf(Locale.ROOT, "%-12s %-40s %10.1f %12d%n", implementation,
						extras ? "contract + aio, rh, uti, azpacr (20)" : "contract user token (16, 3-8 groups)",
						bytes / 1048576.0, bytes / count);
			}
		}
	}

	static long retained(String implementation, boolean extras, int count) {
		IntrospectionResponseReader reader = new IntrospectionResponseReader();
		int[] next = { 0 };
		OpaqueTokenIntrospector endpoint = (token) -> {
			IntrospectionResult result = reader.read(200, EntraClaims.userToken(next[0]++, ISSUED_AT, extras),
					IdentityProvider.AZUREAD);
			return ((IntrospectionResult.Active) result).principal();
		};
		Clock clock = Clock.fixed(Instant.ofEpochSecond(ISSUED_AT), ZoneOffset.UTC);
		long before = usedAfterGc();
		OpaqueTokenIntrospector cache = implementation.equals("own")
				? new CachingOpaqueTokenIntrospector(endpoint, count, Duration.ofMinutes(5), clock)
				: new CaffeineCachingIntrospector(endpoint, count, Duration.ofMinutes(5), clock);
		for (int i = 0; i < count; i++) {
			cache.introspect(EntraClaims.token(i));
		}
		long after = usedAfterGc();
		int held = (cache instanceof CachingOpaqueTokenIntrospector own) ? own.size()
				: (int) ((CaffeineCachingIntrospector) cache).size();
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
