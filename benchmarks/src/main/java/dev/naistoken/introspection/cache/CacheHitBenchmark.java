package dev.naistoken.introspection.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import dev.naistoken.benchmarks.EntraClaims;
import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectionResponseReader;
import dev.naistoken.introspection.IntrospectionResult;

import dev.naistoken.benchmarks.JmhDefaults;

/**
 * A cache hit, the path of nearly every request: own structure against Caffeine with the same contract,
 * 10,000 tokens cached, two threads (the machine's cores) reading.
 */
@Threads(2)
@State(Scope.Benchmark)
public class CacheHitBenchmark extends JmhDefaults {

	private static final int TOKENS = 10_000;

	private static final Supplier<Map<String, Object>> NOT_CACHED = () -> {
		throw new IllegalStateException("every token is cached");
	};

	@Param({ "own", "caffeine" })
	public String cache;

	private BiFunction<TokenHash, Supplier<Map<String, Object>>, Map<String, Object>> introspector;

	private String[] tokens;

	@Setup(Level.Trial)
	public void fill() {
		long issuedAt = Instant.now().getEpochSecond();
		IntrospectionResponseReader reader = new IntrospectionResponseReader();
		int[] next = { 0 };
		Supplier<Map<String, Object>> endpoint = () -> ((IntrospectionResult.Active) reader.read(200,
				EntraClaims.userToken(next[0]++, issuedAt, false), IdentityProvider.AZUREAD))
			.claims();
		Clock clock = Clock.systemUTC();
		this.introspector = "own".equals(this.cache)
				? new IntrospectionCache(TOKENS, Duration.ofMinutes(5), clock)::get
				: new CaffeineIntrospectionCache(TOKENS, Duration.ofMinutes(5), clock)::get;
		this.tokens = new String[TOKENS];
		for (int i = 0; i < TOKENS; i++) {
			this.tokens[i] = EntraClaims.token(i);
			this.introspector.apply(TokenHash.of(this.tokens[i]), endpoint);
		}
	}

	@State(Scope.Thread)
	public static class Cursor {

		int next;

	}

	@Benchmark
	public Map<String, Object> hit(Cursor cursor) {
		int i = cursor.next;
		cursor.next = (i + 7) % TOKENS;
		return this.introspector.apply(TokenHash.of(this.tokens[i]), NOT_CACHED);
	}

}
