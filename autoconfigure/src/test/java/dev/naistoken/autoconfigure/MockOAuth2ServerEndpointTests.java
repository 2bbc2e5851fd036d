package dev.naistoken.autoconfigure;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.List;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.naistoken.autoconfigure.HttpResponses.get;
import static dev.naistoken.autoconfigure.HttpResponses.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usual local set-up of NAV teams, tried as a new user would: the starter pointed at the RFC 7662
 * introspection endpoint of NAV's local identity server ({@code mock-oauth2-server}, started in-process)
 * with a token that server issued. That endpoint wants client credentials, which the platform's
 * endpoint never does: every request is refused with 401, so the answer is a 500 and one ERROR line
 * that says what is wrong and how to fix it, not a 503 that asks the client to try again.
 * <p>
 * The server lives as long as the class, and so does the context pointed at it (closed after the class,
 * which also gives every run a fresh rate limit for the ERROR line).
 */
@SpringBootTest(classes = TestApi.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "nais.token.introspection.cache.enabled=false", "management.health.naistoken.enabled=true",
				"management.endpoint.health.show-details=always",
				"nais.token.groups.admins=" + TestApi.ADMINS_GROUP_ID })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class MockOAuth2ServerEndpointTests {

	private static final String ISSUER = "default";

	/** The dummy token the health indicator sends: no part of what it reports. */
	private static final String HEALTH_PROBE_TOKEN = "nais-token-health-probe";

	private static MockOAuth2Server identityServer;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void pointAtTheIdentityServersIntrospection(DynamicPropertyRegistry registry) {
		registry.add("nais.token.introspection.endpoint",
				() -> "http://127.0.0.1:" + identityServer.baseUrl().port() + "/" + ISSUER + "/introspect");
	}

	@BeforeAll
	static void start() {
		identityServer = started();
	}

	@AfterAll
	static void stop() {
		identityServer.shutdown();
	}

	@Test
	void everyTokenIs500WithOneErrorLineNamingTheStatusAndTheFix(CapturedOutput output) {
		String token = identityServer.issueToken(ISSUER, "local-frontend", "my-api").serialize();

		for (int i = 0; i < 3; i++) {
			HttpResponse<String> response = getWithToken(this.port, "/api/hello", token);
			assertThat(response.statusCode()).isEqualTo(500);
			assertThat(response.headers().firstValue("Retry-After")).isEmpty();
			assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
		}

		List<String> errors = output.getOut()
			.lines()
			.filter((line) -> line.contains("Token introspection misconfigured"))
			.toList();
		assertThat(errors).singleElement()
			.asString()
			.contains("ERROR")
			.contains("answered HTTP 401")
			.contains("mock-oauth2-server")
			.contains("nais.token.introspection.endpoint")
			.contains("/api/v1/introspect")
			.contains("@AutoConfigureFakeTexas");
		assertThat(output).doesNotContain(token);
	}

	@Test
	void healthIsDownWithTheSameExplanation() {
		HttpResponse<String> health = get(this.port, "/actuator/health");

		assertThat(health.statusCode()).isEqualTo(503);
		JsonNode naisToken = JsonMapper.builder().build().readTree(health.body()).path("components").path("naisToken");
		assertThat(naisToken.path("status").asString()).isEqualTo("DOWN");
		assertThat(naisToken.path("details").path("error").asString()).contains("answered HTTP 401")
			.contains("mock-oauth2-server")
			.contains("nais.token.introspection.endpoint")
			.contains("/api/v1/introspect");
		assertThat(health.body()).doesNotContain(HEALTH_PROBE_TOKEN);
	}

	private static MockOAuth2Server started() {
		MockOAuth2Server server = new MockOAuth2Server();
		server.start(InetAddress.getLoopbackAddress(), 0);
		return server;
	}

}
