package dev.naistoken.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.naistoken.autoconfigure.HttpResponses.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With this project's, Spring Security's and Spring Web's loggers at TRACE, a request cycle (active,
 * inactive, unavailable, misconfigured) writes neither the token nor a claim value, in either request
 * format. (The endpoints called answer constant text: what an application writes in its own
 * responses, Spring MVC logs at TRACE, and that is the application's choice.)
 */
class NoTokenInLogsTests {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzZWNyZXQiOiJ0b2tlbi1ib2R5In0.c2lnbmF0dXJlLXNlY3JldA";

	/** Claim values of the contract's user token that name a person or a group. */
	private static final List<String> CLAIM_VALUES = List.of("Kari Nordmann", "Z990001", "kari.nordmann@example.no",
			"6a1f3c2e-0000-4000-8000-000000000001", "6a1f3c2e-0000-4000-8000-000000000002",
			"0f7e3a9b-0000-4000-8000-00000000cccc", "Xj3nJfZr0000000000000000000000000000000000", "cases.read");


	static void assertNoTokenOrClaimInLogs(int port, CapturedOutput output) {
		for (String caseName : List.of("active user token (on-behalf-of)", "expired token", "server error",
				"identity provider not enabled")) {
			StubbedEndpointTests.endpoint.reset();
			StubbedEndpointTests.answer(TOKEN, caseName);
			getWithToken(port, "/api/hello", TOKEN);
			getWithToken(port, "/api/admin", TOKEN);
		}
		assertThat(output.getAll()).as("the active token was authorized").contains("Set SecurityContextHolder to NaisTokenAuthentication");
		StubbedEndpointTests.endpoint.reset();
		StubbedEndpointTests.endpoint.resetConnections();
		getWithToken(port, "/api/hello", TOKEN);
		assertThat(output.getAll()).as("TRACE output").contains("BearerTokenAuthenticationFilter");
		assertThat(output.getAll()).doesNotContain(TOKEN);
		for (String part : TOKEN.split("\\.")) {
			assertThat(output.getAll()).doesNotContain(part);
		}
		for (String value : CLAIM_VALUES) {
			assertThat(output.getAll()).doesNotContain(value);
		}
	}

	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	@SpringBootTest(classes = TestApi.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "nais.token.groups.admins=" + TestApi.ADMINS_GROUP_ID,
					"nais.token.introspection.request-format=form", "logging.level.dev.naistoken=TRACE",
					"logging.level.org.springframework.security=TRACE", "logging.level.org.springframework.web=TRACE",
					"logging.level.org.springframework.http=TRACE" })
	class FormRequests extends StubbedEndpointTests {

		@LocalServerPort
		private int port;

		@Test
		void noTokenOrClaimValueInAnyLogLine(CapturedOutput output) {
			assertNoTokenOrClaimInLogs(this.port, output);
		}

	}

	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	@SpringBootTest(classes = TestApi.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "nais.token.groups.admins=" + TestApi.ADMINS_GROUP_ID,
					"nais.token.introspection.request-format=json", "logging.level.dev.naistoken=TRACE",
					"logging.level.org.springframework.security=TRACE", "logging.level.org.springframework.web=TRACE",
					"logging.level.org.springframework.http=TRACE" })
	class JsonRequests extends StubbedEndpointTests {

		@LocalServerPort
		private int port;

		@Test
		void noTokenOrClaimValueInAnyLogLine(CapturedOutput output) {
			assertNoTokenOrClaimInLogs(this.port, output);
		}

	}

}
