package dev.naistoken.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import dev.naistoken.LogLevels;
import dev.naistoken.ReactiveStack;
import dev.naistoken.Stack;

import static dev.naistoken.autoconfigure.HttpResponses.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With this project's, Spring Security's and Spring Web's loggers at TRACE, a request cycle (active,
 * inactive, unavailable, misconfigured) writes neither the token nor a claim value, in either request
 * format. (The endpoints called answer constant text: what an application writes in its own
 * responses, Spring MVC logs at TRACE, and that is the application's choice.) Each test sets the levels
 * itself and uses tokens of its own, so neither a cached context, an earlier test's cached token nor
 * another class's logging changes its verdict. On both stacks: the {@code Reactive*} classes run the
 * same requests on WebFlux and Netty.
 */
class NoTokenInLogsTests {

	@RegisterExtension
	static final LogLevels levels = LogLevels.set(LogLevel.TRACE, "dev.naistoken", "org.springframework.security",
			"org.springframework.web", "org.springframework.http", "reactor.netty");

	/** Claim values of the contract's user token that name a person or a group. */
	private static final List<String> CLAIM_VALUES = List.of("Kari Nordmann", "Z990001", "kari.nordmann@example.no",
			"6a1f3c2e-0000-4000-8000-000000000001", "6a1f3c2e-0000-4000-8000-000000000002",
			"0f7e3a9b-0000-4000-8000-00000000cccc", "Xj3nJfZr0000000000000000000000000000000000", "cases.read");

	/** Each contract case asked for, with the status {@code /api/hello} answers it with. */
	private static final Map<String, Integer> CASES = Map.of("active user token (on-behalf-of)", 200, "expired token",
			401, "server error", 503, "identity provider not enabled", 500);

	/** A JWT-shaped token no other test uses, so each case reaches the endpoint rather than the cache. */
	private static String newToken() {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return "eyJhbGciOiJSUzI1NiJ9." + encoder.encodeToString(("{\"secret\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8))
				+ "." + encoder.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
	}

	static void assertNoTokenOrClaimInLogs(int port, Stack stack, CapturedOutput output) {
		List<String> tokens = new ArrayList<>();
		CASES.forEach((caseName, status) -> {
			String token = newToken();
			tokens.add(token);
			StubbedEndpointTests.endpoint.reset();
			StubbedEndpointTests.answer(token, caseName);
			assertThat(getWithToken(port, "/api/hello", token).statusCode()).as(caseName).isEqualTo(status);
			getWithToken(port, "/api/admin", token);
		});
		// WebFlux's security filters log no successful authentication; the authorization checks they log.
		assertThat(output.getAll()).as("the active token was authorized")
			.contains((stack == Stack.SERVLET) ? "Set SecurityContextHolder to NaisTokenAuthentication"
					: "Checking authorization on '/api/admin'");
		StubbedEndpointTests.endpoint.reset();
		StubbedEndpointTests.endpoint.resetConnections();
		String unanswered = newToken();
		tokens.add(unanswered);
		getWithToken(port, "/api/hello", unanswered);
		assertThat(output.getAll()).as("TRACE output")
			.contains((stack == Stack.SERVLET) ? "BearerTokenAuthenticationFilter" : "AuthenticationWebFilter");
		for (String token : tokens) {
			assertThat(output.getAll()).doesNotContain(token);
			for (String part : token.split("\\.")) {
				assertThat(output.getAll()).doesNotContain(part);
			}
		}
		for (String value : CLAIM_VALUES) {
			assertThat(output.getAll()).doesNotContain(value);
		}
	}

	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	@SpringBootTest(classes = TestApi.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "nais.token.groups.admins=" + TestApi.ADMINS_GROUP_ID,
					"nais.token.introspection.request-format=form" })
	class FormRequests extends StubbedEndpointTests {

		@LocalServerPort
		private int port;

		@Autowired
		private ApplicationContext context;

		@Test
		void noTokenOrClaimValueInAnyLogLine(CapturedOutput output) {
			assertNoTokenOrClaimInLogs(this.port, Stack.of(this.context), output);
		}

	}

	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	@SpringBootTest(classes = TestApi.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "nais.token.groups.admins=" + TestApi.ADMINS_GROUP_ID,
					"nais.token.introspection.request-format=json" })
	class JsonRequests extends StubbedEndpointTests {

		@LocalServerPort
		private int port;

		@Autowired
		private ApplicationContext context;

		@Test
		void noTokenOrClaimValueInAnyLogLine(CapturedOutput output) {
			assertNoTokenOrClaimInLogs(this.port, Stack.of(this.context), output);
		}

	}

	@Nested
	@ReactiveStack
	class ReactiveFormRequests extends FormRequests {

	}

	@Nested
	@ReactiveStack
	class ReactiveJsonRequests extends JsonRequests {

	}

}
