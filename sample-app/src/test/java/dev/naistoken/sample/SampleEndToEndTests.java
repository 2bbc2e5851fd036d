package dev.naistoken.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.FakeTexas;

import static dev.naistoken.sample.LocalSampleApplication.ADMINS;
import static dev.naistoken.sample.LocalSampleApplication.READERS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's rules end to end: a real servlet container, real HTTP, every token checked by the fake
 * introspection endpoint over loopback, group ids mapped to aliases by the application's yaml. Each
 * test issues its own tokens, so the starter's cache of active tokens never carries one test into the
 * next.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "nais.token.introspection.read-timeout=500ms")
@AutoConfigureFakeTexas
class SampleEndToEndTests {

	@Autowired
	private FakeTexas texas;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void readersReadCasesButMayNotCloseThem() throws Exception {
		String reader = this.texas.token().groups(READERS).issue();

		assertThat(call("GET", "/api/cases", reader).statusCode()).isEqualTo(200);
		assertThat(call("GET", "/api/cases/CASE-1", reader).statusCode()).isEqualTo(200);
		HttpResponse<String> close = call("POST", "/api/cases/CASE-1/close", reader);
		assertThat(close.statusCode()).isEqualTo(403);
		assertThat(close.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("Bearer").contains("error=\"insufficient_scope\""));
	}

	@Test
	void adminsCloseCases() throws Exception {
		HttpResponse<String> close = call("POST", "/api/cases/CASE-2/close", this.texas.token().groups(ADMINS).issue());

		assertThat(close.statusCode()).isEqualTo(200);
		assertThat(close.body()).contains("\"status\":\"CLOSED\"");
	}

	@Test
	void aUserInNoGroupGets403OnCasesAndTheirOwnCasesWithTheScope() throws Exception {
		String user = this.texas.token().issue();

		assertThat(call("GET", "/api/cases", user).statusCode()).isEqualTo(403);
		HttpResponse<String> mine = call("GET", "/api/cases/assigned-to-me", user);
		assertThat(mine.statusCode()).isEqualTo(200);
		assertThat(mine.body()).contains("CASE-1").doesNotContain("CASE-2");
	}

	@Test
	void applicationsReadStatisticsOnly() throws Exception {
		String app = this.texas.token().app().issue();

		assertThat(call("GET", "/api/internal/statistics", app).statusCode()).isEqualTo(200);
		assertThat(call("GET", "/api/cases", app).statusCode()).isEqualTo(403);
		assertThat(call("GET", "/api/cases/assigned-to-me", app).statusCode()).isEqualTo(403);
		assertThat(call("GET", "/api/internal/statistics", this.texas.token().groups(ADMINS).issue()).statusCode())
			.isEqualTo(403);
	}

	@Test
	void meShowsTheAliasesOfTheTokensGroupIds() throws Exception {
		HttpResponse<String> me = call("GET", "/api/me", this.texas.token().groups(READERS, ADMINS).issue());

		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains("\"groups\":[\"readers\",\"admins\"]").doesNotContain(READERS);
	}

	@Test
	void tokensTheEndpointRefusesGet401() throws Exception {
		try (FakeTexas elsewhere = FakeTexas.start()) {
			for (String token : new String[] { this.texas.token().groups(ADMINS).expired().issue(),
					elsewhere.token().groups(ADMINS).issue(), "not-a-jwt" }) {
				HttpResponse<String> response = call("GET", "/api/me", token);

				assertThat(response.statusCode()).isEqualTo(401);
				assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
						(value) -> assertThat(value).startsWith("Bearer").contains("error=\"invalid_token\""));
			}
		}
	}

	@Test
	void noTokenGets401AndTheHealthProbeStaysPublic() throws Exception {
		HttpResponse<String> me = call("GET", "/api/me", null);

		assertThat(me.statusCode()).isEqualTo(401);
		assertThat(me.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("Bearer").doesNotContain("error="));
		assertThat(call("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
		assertThat(call("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
		assertThat(call("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
	}

	@Test
	void endpointDownGets503NeverA401() throws Exception {
		this.texas.down();

		assertThat(call("GET", "/api/cases", this.texas.token().groups(READERS).issue()).statusCode()).isEqualTo(503);
		assertThat(call("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
	}

	@Test
	void endpointBrokenOrTooSlowGets503() throws Exception {
		this.texas.failWith(500);
		assertThat(call("GET", "/api/me", this.texas.token().issue()).statusCode()).isEqualTo(503);

		this.texas.answerGarbage();
		assertThat(call("GET", "/api/me", this.texas.token().issue()).statusCode()).isEqualTo(503);

		this.texas.hang();
		assertThat(call("GET", "/api/me", this.texas.token().issue()).statusCode()).isEqualTo(503);
	}

	@Test
	void identityProviderNotEnabledGets500() throws Exception {
		this.texas.identityProviderNotEnabled();

		assertThat(call("GET", "/api/me", this.texas.token().issue()).statusCode()).isEqualTo(500);
	}

	private HttpResponse<String> call(String method, String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(10));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
