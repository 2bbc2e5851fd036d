package dev.naistoken.introspection.cache;


import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import dev.naistoken.benchmarks.EntraClaims;

import dev.naistoken.benchmarks.JmhDefaults;

/** The cache key: SHA-256 of a JWT-sized token (about 1.5 KB), paid on every request. */
@State(Scope.Benchmark)
public class TokenHashBenchmark extends JmhDefaults {

	private final String token = EntraClaims.token(1);

	@Benchmark
	public TokenHash sha256Key() {
		return TokenHash.of(this.token);
	}

}
