package dev.naistoken.introspection;

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

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.benchmarks.EntraClaims;

import dev.naistoken.benchmarks.JmhDefaults;

/**
 * A cache hit, the path of nearly every request: own structure against Caffeine with the same contract,
 * 10,000 tokens cached, two threads (the machine's cores) reading.
 */
@Threads(2)
@State(Scope.Benchmark)
public class CacheHitBenchmark extends JmhDefaults {

	private static final int TOKENS = 10_000;

	@Param({ "own", "caffeine" })
	public String cache;

	private OpaqueTokenIntrospector introspector;

	private String[] tokens;

	@Setup(Level.Trial)
	public void fill() {
		long issuedAt = Instant.now().getEpochSecond();
		IntrospectionResponseReader reader = new IntrospectionResponseReader();
		int[] next = { 0 };
		OpaqueTokenIntrospector endpoint = (token) -> ((IntrospectionResult.Active) reader.read(200,
				EntraClaims.userToken(next[0]++, issuedAt, false), IdentityProvider.AZUREAD))
			.principal();
		Clock clock = Clock.systemUTC();
		this.introspector = "own".equals(this.cache)
				? new CachingOpaqueTokenIntrospector(endpoint, TOKENS, Duration.ofMinutes(5), clock)
				: new CaffeineCachingIntrospector(endpoint, TOKENS, Duration.ofMinutes(5), clock);
		this.tokens = new String[TOKENS];
		for (int i = 0; i < TOKENS; i++) {
			this.tokens[i] = EntraClaims.token(i);
			this.introspector.introspect(this.tokens[i]);
		}
	}

	@State(Scope.Thread)
	public static class Cursor {

		int next;

	}

	@Benchmark
	public OAuth2AuthenticatedPrincipal hit(Cursor cursor) {
		int i = cursor.next;
		cursor.next = (i + 7) % TOKENS;
		return this.introspector.introspect(this.tokens[i]);
	}

}
