package dev.naistoken.benchmarks.micro;

import java.time.Instant;
import java.util.Map;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import org.springframework.security.core.Authentication;

import dev.naistoken.authorities.NaisTokenAuthenticationConverter;
import dev.naistoken.authorities.NaisTokenAuthorityMapper;
import dev.naistoken.authorities.NaisTokenPrincipal;
import dev.naistoken.benchmarks.EntraClaims;
import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectionResponseReader;
import dev.naistoken.introspection.IntrospectionResult;

import dev.naistoken.benchmarks.JmhDefaults;

/**
 * What the starter does with an answer: parse it (only on a cache miss) and map claims to authorities
 * (on every request, hit or miss).
 */
@State(Scope.Benchmark)
public class ResponseMappingBenchmark extends JmhDefaults {

	private final byte[] answer = EntraClaims.userToken(1, Instant.now().getEpochSecond(), false);

	private final IntrospectionResponseReader reader = new IntrospectionResponseReader();

	private final NaisTokenAuthorityMapper mapper = new NaisTokenAuthorityMapper("GROUP_", "ROLE_", "SCOPE_",
			Map.of("admins", "6a1f3c2e-0000-4000-8000-000000000001"));

	private final NaisTokenAuthenticationConverter converter = new NaisTokenAuthenticationConverter(this.mapper);

	private final NaisTokenPrincipal principal = new NaisTokenPrincipal(
			((IntrospectionResult.Active) this.reader.read(200, this.answer, IdentityProvider.AZUREAD)).claims(),
			java.util.List.of(), java.util.Set.of());

	private final String token = EntraClaims.token(1);

	@Benchmark
	public IntrospectionResult parseAnswer() {
		return this.reader.read(200, this.answer, IdentityProvider.AZUREAD);
	}

	@Benchmark
	public NaisTokenAuthorityMapper.Grant mapAuthorities() {
		return this.mapper.map(this.principal.getAttributes());
	}

	@Benchmark
	public Authentication convertToAuthentication() {
		return this.converter.convert(this.token, this.principal);
	}

}
