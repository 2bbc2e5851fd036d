package dev.naistoken.reliability;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.naistoken.test.FakeTexas;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An endpoint that refuses the application's call (it wants credentials, nothing answers at that path,
 * it does not take the request's media type) will refuse every retry too: a misconfiguration, 500 and
 * one ERROR line naming the status and the fix, not a 503 that says "try again shortly". What a retry
 * may cure (timeouts, refused connections, 5xx) stays 503.
 * <p>
 * Its own context (no cache), so its log lines are not held back by another class's identical ones, and
 * closed after the class, so not by an earlier run's either (the lines are rate limited per context).
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "nais.token.introspection.cache.enabled=false")
@DirtiesContext
class EndpointRefusalTests extends ContainerTestSupport {

	private static final String FIX = "Point nais.token.introspection.endpoint (NAIS_TOKEN_INTROSPECTION_ENDPOINT) at "
			+ "the platform's introspection endpoint";

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 401, 403, 404, 405, 415 })
	void refusalThatNoRetryChangesIs500WithOneErrorLineNamingTheStatusAndTheFix(int status, CapturedOutput output) {
		this.endpoint.stubFor(post(urlPathEqualTo(FakeTexas.PATH))
			.willReturn(aResponse().withStatus(status).withBody("{\"error\":\"invalid_client\"}")));
		String token = newToken();

		for (int i = 0; i < 5; i++) {
			assertMisconfigured(http().bearer("/api/hello", token));
		}

		assertThat(lines(output, "ERROR")).singleElement()
			.asString()
			.contains("Token introspection misconfigured, answering 500")
			.contains("answered HTTP " + status)
			.contains(FIX)
			.contains("/api/v1/introspect")
			.contains("@AutoConfigureFakeTexas");
		assertThat(lines(output, "WARN")).isEmpty();
		assertThat(output).doesNotContain(token);
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 500, 502, 503 })
	void serverErrorsStay503(int status, CapturedOutput output) {
		answer(status, "{\"error\":\"server_error\"}");

		assertUnavailable(http().bearer("/api/hello", newToken()));

		assertThat(lines(output, "WARN")).singleElement().asString().contains("answered HTTP " + status);
		assertThat(lines(output, "ERROR")).isEmpty();
	}

	@Test
	void refusedConnectionStays503(CapturedOutput output) {
		endpointDown();

		assertUnavailable(http().bearer("/api/hello", newToken()));

		assertThat(lines(output, "WARN")).singleElement().asString().contains("refused the connection");
		assertThat(lines(output, "ERROR")).isEmpty();
	}

	@Test
	void timeoutStays503(CapturedOutput output) {
		this.endpoint.stubFor(post(urlPathEqualTo(FakeTexas.PATH))
			.willReturn(aResponse().withStatus(401).withFixedDelay(3000)));

		assertUnavailable(http().bearer("/api/hello", newToken()));

		assertThat(lines(output, "WARN")).singleElement().asString().contains("did not answer within 2000 ms");
		assertThat(lines(output, "ERROR")).isEmpty();
	}

	private static List<String> lines(CapturedOutput output, String level) {
		return output.getOut()
			.lines()
			.filter((line) -> line.contains(" " + level + " ") && line.contains("Token introspection"))
			.toList();
	}

}
