package dev.naistoken.benchmarks.micro;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

import dev.naistoken.benchmarks.EntraClaims;
import dev.naistoken.benchmarks.JmhDefaults;
import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectionClient;
import dev.naistoken.introspection.IntrospectionEndpointClient;
import dev.naistoken.introspection.IntrospectionResponseReader;
import dev.naistoken.introspection.IntrospectionResult;
import dev.naistoken.introspection.IssuerRouting;
import dev.naistoken.introspection.NaisOpaqueTokenIntrospector;
import dev.naistoken.introspection.RequestFormat;
import dev.naistoken.introspection.cache.IntrospectionCache;
import dev.naistoken.introspection.cache.TokenHash;

/**
 * What routing a token by its issuer costs: on a cache miss, finding {@code iss} in the JWT payload
 * (four issuers known; an Entra ID user token of about 1.5 KB, a TokenX citizen token, an issuer no
 * provider has); on a cache hit, the whole introspector with and without routing, which should not
 * differ.
 */
@State(Scope.Benchmark)
public class RoutingBenchmark extends JmhDefaults {

	private static final String TOKENX = "https://tokenx.dev-gcp.nav.cloud.nais.io";

	private final String entraIdToken = jwt(EntraClaims.userToken(1, Instant.now().getEpochSecond(), false));

	private final String tokenxToken = jwt(("{\"sub\":\"xY8cLm0b1Xw3e0ZkqWl0aGu6wRt8vF2Dd4ISyM2cDg4\",\"iss\":\"" + TOKENX
			+ "\",\"client_amr\":\"private_key_jwt\",\"pid\":\"29029912345\",\"acr\":\"idporten-loa-high\","
			+ "\"nbf\":1730977293,\"idp\":\"https://test.idporten.no\",\"aud\":\"dev-gcp:team:api\","
			+ "\"client_id\":\"dev-gcp:team:frontend\",\"exp\":1730980893,\"iat\":1730977293,"
			+ "\"jti\":\"0b8d4f21-0000-4000-8000-000000000009\"}").getBytes(StandardCharsets.UTF_8));

	private final String unknownIssuerToken = jwt("{\"sub\":\"x\",\"iss\":\"https://issuer.example\",\"exp\":1}"
		.getBytes(StandardCharsets.UTF_8));

	private final IssuerRouting routing = new IssuerRouting(issuers(), IdentityProvider.AZUREAD);

	private final Map<String, Object> cachedClaims = ((IntrospectionResult.Active) new IntrospectionResponseReader()
		.read(200, EntraClaims.userToken(1, Instant.now().getEpochSecond(), false), IdentityProvider.AZUREAD)).claims();

	private final NaisOpaqueTokenIntrospector routed = introspector(this.routing);

	private final NaisOpaqueTokenIntrospector single = introspector(
			IssuerRouting.singleProvider(IdentityProvider.AZUREAD));

	@Benchmark
	public IssuerRouting.Route missEntraIdUserToken() {
		return this.routing.route(this.entraIdToken);
	}

	@Benchmark
	public IssuerRouting.Route missTokenxCitizenToken() {
		return this.routing.route(this.tokenxToken);
	}

	@Benchmark
	public IssuerRouting.Route missUnknownIssuer() {
		return this.routing.route(this.unknownIssuerToken);
	}

	/** The only routing work on a hit: the provider of the cached, verified {@code iss}. */
	@Benchmark
	public IdentityProvider hitProviderOfCachedClaims() {
		return this.routing.providerOf(this.cachedClaims);
	}

	@Benchmark
	public OAuth2AuthenticatedPrincipal hitIntrospectorRoutingByIssuer() {
		return this.routed.introspect(this.entraIdToken);
	}

	@Benchmark
	public OAuth2AuthenticatedPrincipal hitIntrospectorSingleProvider() {
		return this.single.introspect(this.entraIdToken);
	}

	private NaisOpaqueTokenIntrospector introspector(IssuerRouting routing) {
		IntrospectionCache cache = new IntrospectionCache(10_000, Duration.ofMinutes(5), Clock.systemUTC());
		Map<String, Object> claims = this.cachedClaims;
		cache.get(TokenHash.of(this.entraIdToken), () -> claims);
		// Never called: every request below is a cache hit.
		IntrospectionEndpointClient nowhere = new IntrospectionEndpointClient(new IntrospectionClient(
				URI.create("http://127.0.0.1:9/api/v1/introspect"), RequestFormat.FORM, Duration.ofMillis(1),
				Duration.ofMillis(1)), new IntrospectionResponseReader());
		return new NaisOpaqueTokenIntrospector(nowhere, routing, false, cache, ObservationRegistry.NOOP, null);
	}

	private static Map<IdentityProvider, String> issuers() {
		Map<IdentityProvider, String> issuers = new LinkedHashMap<>();
		issuers.put(IdentityProvider.AZUREAD, "https://login.microsoftonline.com/966ac572-f5b7-4bbe-aa88-c76419c0f851/v2.0");
		issuers.put(IdentityProvider.TOKENX, TOKENX);
		issuers.put(IdentityProvider.IDPORTEN, "https://test.idporten.no");
		issuers.put(IdentityProvider.MASKINPORTEN, "https://test.maskinporten.no/");
		return issuers;
	}

	/** A JWT of this payload with an RS256-sized signature (the signature's bytes are never read). */
	private static String jwt(byte[] payload) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6Im1vY2sifQ." + base64.encodeToString(payload) + "."
				+ base64.encodeToString(new byte[256]);
	}

}
