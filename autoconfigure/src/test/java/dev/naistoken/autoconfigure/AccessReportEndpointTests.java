package dev.naistoken.autoconfigure;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.naistoken.autoconfigure.rules.NaisTokenEndpoint;
import dev.naistoken.autoconfigure.rules.NaisTokenRulesAutoConfiguration;
import dev.naistoken.rules.RequireGroup;
import dev.naistoken.rules.RequireRole;
import dev.naistoken.test.FakeTexas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator endpoint {@code naistoken}: who may call what, read over HTTP with a valid token; the
 * accepted providers, the aliases, the cache's counts; and nothing of any token that was seen.
 */
@SpringBootTest(classes = AccessReportEndpointTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,naistoken",
				"nais.token.groups.readers=" + AccessReportEndpointTests.READERS_ID,
				"nais.token.groups.admins=" + AccessReportEndpointTests.ADMINS_ID })
class AccessReportEndpointTests {

	static final String READERS_ID = "6a1f3c2e-0000-4000-8000-000000000001";

	static final String ADMINS_ID = "6a1f3c2e-0000-4000-8000-000000000002";

	private static final FakeTexas texas = FakeTexas.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void endpoint(DynamicPropertyRegistry registry) {
		registry.add("nais.token.introspection.endpoint", () -> texas.endpoint().toString());
	}

	@AfterAll
	static void stop() {
		texas.close();
	}

	@Test
	void theReportListsEveryRuleInWordsTheProvidersAliasesAndCache() {
		String reader = texas.token().groups(READERS_ID).navIdent("Z990042").issue();
		assertThat(get("/api/cases", reader).statusCode()).isEqualTo(200);

		HttpResponse<String> report = get("/actuator/naistoken", reader);

		assertThat(report.statusCode()).isEqualTo(200);
		assertThat(report.body())
			.contains("{\"request\":\"GET /api/cases\",\"rule\":\"any of groups readers, admins\",\"method\":\"Cases#list\"}")
			.contains("{\"request\":\"POST /api/cases/{id}/close\",\"rule\":\"group admins\",\"method\":\"Cases#close\"}")
			.contains("{\"request\":\"GET /api/cases/statistics\",\"rule\":\"role access_as_application\"")
			.contains("\"providers\":[\"entra_id\"]")
			.contains("\"groups\":{\"admins\":\"" + ADMINS_ID + "\",\"readers\":\"" + READERS_ID + "\"}")
			.containsPattern("\"cache\":\\{\"size\":[1-9]\\d*,\"hits\":[1-9]\\d*,\"misses\":[1-9]\\d*,\"hitRatio\":0\\.\\d+\\}");
	}

	@Test
	void theReportHoldsNoTokenData() {
		String token = texas.token().groups(ADMINS_ID).navIdent("Z990077").consumer("dev-gcp:secret-team:app").issue();
		assertThat(get("/api/cases", token).statusCode()).isEqualTo(200);

		String body = get("/actuator/naistoken", token).body();

		assertThat(body).doesNotContain("Z990077", "secret-team", token, token.substring(token.lastIndexOf('.') + 1),
				"\"sub\"", "navIdent", FakeTexas.ISSUER, FakeTexas.TENANT_ID);
	}

	@Test
	void theEndpointWantsAValidToken() {
		assertThat(get("/actuator/naistoken", null).statusCode()).isEqualTo(401);
	}

	@Test
	void theEndpointIsOffUnlessExposed() {
		WebApplicationContextRunner runner = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class,
					NaisTokenRulesAutoConfiguration.class, SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class))
			.withPropertyValues("nais.token.introspection.endpoint=" + texas.endpoint());
		runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NaisTokenEndpoint.class));
		runner.withPropertyValues("management.endpoints.web.exposure.include=naistoken")
			.run((context) -> assertThat(context).hasSingleBean(NaisTokenEndpoint.class));
	}

	private HttpResponse<String> get(String path, String token) {
		return (token != null) ? HttpResponses.getWithToken(this.port, path, token) : HttpResponses.get(this.port, path);
	}

	/** Without component scanning: this package holds other tests' applications. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(App.Cases.class)
	static class App {

		@RestController
		@RequestMapping("/api/cases")
		static class Cases {

			@GetMapping
			@RequireGroup({ "readers", "admins" })
			String list() {
				return "[]";
			}

			@org.springframework.web.bind.annotation.PostMapping("/{id}/close")
			@org.springframework.security.access.prepost.PreAuthorize("hasAuthority('GROUP_admins')")
			String close() {
				return "closed";
			}

			@GetMapping("/statistics")
			@RequireRole("access_as_application")
			String statistics() {
				return "{}";
			}

		}

	}

}
