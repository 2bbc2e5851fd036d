package dev.naistoken.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.naistoken.benchmarks.load.BenchApp;
import dev.naistoken.benchmarks.load.LoadComparison;
import dev.naistoken.benchmarks.reactive.ReactiveBenchApp;
import dev.naistoken.introspection.cache.CacheHitBenchmark;
import dev.naistoken.introspection.cache.TokenHashBenchmark;
import dev.naistoken.benchmarks.micro.ResponseMappingBenchmark;
import dev.naistoken.benchmarks.micro.RoutingBenchmark;
import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.test.FakeTexas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ./mvnw verify} checks of the benchmarks, in seconds: every setup of the load comparison
 * starts and answers as it should, and each micro-benchmark runs once. The measurements themselves are
 * {@code benchmarks/run.sh}'s.
 */
class BenchmarksSmokeTests {

	private static FakeTexas texas;

	private static String token;

	@BeforeAll
	static void startEndpoint() {
		texas = FakeTexas.start();
		token = texas.token().groups("6a1f3c2e-0000-4000-8000-000000000001").issue();
	}

	@AfterAll
	static void stopEndpoint() {
		texas.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "s", "f", "b", "c", "d", "ra", "rs", "rf", "rb", "rc", "rd" })
	void everyIntrospectionSetupStartsAndLetsOnlyAValidTokenThrough(String setup) throws Exception {
		Map<String, Object> properties = Map.of("server.port", "0", "nais.token.introspection.endpoint",
				texas.endpoint().toString(), "bench.texas-endpoint", texas.endpoint().toString());
		boolean reactive = setup.startsWith("r");
		try (ConfigurableApplicationContext app = reactive ? ReactiveBenchApp.start(setup, properties)
				: BenchApp.start(setup, properties)) {
			WebServer server = ((WebServerApplicationContext) app).getWebServer();
			assertThat(server).isInstanceOf(reactive ? NettyWebServer.class : TomcatWebServer.class);
			assertThat(get(server.getPort(), token)).isEqualTo(200);
			assertThat(get(server.getPort(), null)).isEqualTo(setup.matches("r?a") ? 200 : 401);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "bm", "cm", "dm" })
	void everyMixedSetupLetsTheTokensOfBothProvidersThrough(String setup) throws Exception {
		Map<String, Object> properties = new java.util.HashMap<>(Map.of("server.port", "0",
				"nais.token.introspection.endpoint", texas.endpoint().toString(), "bench.texas-endpoint",
				texas.endpoint().toString(), "bench.issuer.entra-id", FakeTexas.ISSUER, "bench.issuer.tokenx",
				FakeTexas.TOKENX_ISSUER));
		if (!setup.equals("dm")) {
			properties.put("nais.token.providers.entra-id.issuer", FakeTexas.ISSUER);
			properties.put("nais.token.providers.tokenx.issuer", FakeTexas.TOKENX_ISSUER);
		}
		try (ConfigurableApplicationContext app = BenchApp.start(setup, properties)) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			for (String mixed : LoadComparison.mixedPopulation(texas).subList(0, 4)) {
				assertThat(get(port, mixed)).isEqualTo(200);
			}
			assertThat(get(port, texas.idporten().issue())).isEqualTo(401);
			assertThat(get(port, null)).isEqualTo(401);
		}
	}

	@Test
	void theLocalJwtSetupStartsAndLetsOnlyAValidTokenThrough() throws Exception {
		KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
		try (ConfigurableApplicationContext app = BenchApp.start("e",
				Map.of("server.port", "0", "bench.jwt.public-key",
						Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()), "bench.jwt.issuer",
						FakeTexas.ISSUER, "bench.jwt.audience", FakeTexas.AUDIENCE))) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			assertThat(get(port, LoadComparison.jwt(keys))).isEqualTo(200);
			assertThat(get(port, token)).isEqualTo(401);
		}
	}

	@Test
	void microBenchmarksRunOnce() {
		assertThat(new TokenHashBenchmark().sha256Key()).isNotNull();
		ResponseMappingBenchmark mapping = new ResponseMappingBenchmark();
		assertThat(mapping.parseAnswer()).isNotNull();
		assertThat(mapping.mapAuthorities().authorities()).isNotEmpty();
		assertThat(mapping.convertToAuthentication().isAuthenticated()).isTrue();
		for (String cache : new String[] { "own", "caffeine" }) {
			CacheHitBenchmark hit = new CacheHitBenchmark();
			hit.cache = cache;
			hit.fill();
			assertThat(hit.hit(new CacheHitBenchmark.Cursor())).isNotNull();
		}
		RoutingBenchmark routing = new RoutingBenchmark();
		assertThat(routing.missEntraIdUserToken().provider()).isEqualTo(IdentityProvider.AZUREAD);
		assertThat(routing.missTokenxCitizenToken().provider()).isEqualTo(IdentityProvider.TOKENX);
		assertThat(routing.missUnknownIssuer().provider()).isNull();
		assertThat(routing.hitProviderOfCachedClaims()).isEqualTo(IdentityProvider.AZUREAD);
		assertThat(routing.hitIntrospectorRoutingByIssuer().getAttributes())
			.isEqualTo(routing.hitIntrospectorSingleProvider().getAttributes());
		assertThat(CacheMemory.retained("own", true, 1_000)).isPositive();
	}

	private static int get(int port, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
