package dev.naistoken.introspection;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP 400 means the request is set up wrong; the team reads why in the misconfiguration's message
 * (the ERROR line of a 500): the endpoint's {@code error} and {@code error_description} when it gave
 * them as strings, nothing it did not say, and never a failure of its own on a body it does not expect.
 */
class MalformedRequestAnswerTests {

	static List<Arguments> answers() {
		return List.of(
				Arguments.of("{\"error\":\"invalid_request\",\"error_description\":\"invalid identity provider\"}",
						"(HTTP 400, invalid_request: invalid identity provider)"),
				Arguments.of("{\"error\":\"invalid_request\"}", "(HTTP 400, invalid_request)"),
				Arguments.of("{\"error\":\"invalid_request\",\"error_description\":7}", "(HTTP 400, invalid_request)"),
				Arguments.of("{\"error\":\"invalid_request\",\"error_description\":\"a \\\"b\\\"\\n\"}",
						"(HTTP 400, invalid_request: a ?b??)"),
				Arguments.of("{\"error_description\":\"invalid identity provider\"}", "(HTTP 400)"),
				Arguments.of("{\"error\":400,\"error_description\":\"invalid identity provider\"}", "(HTTP 400)"),
				Arguments.of("null", "(HTTP 400)"), Arguments.of("[\"invalid_request\"]", "(HTTP 400)"),
				Arguments.of("Bad Request", "(HTTP 400)"));
	}

	@ParameterizedTest
	@MethodSource("answers")
	void theMessageNamesTheEndpointsErrorAndNothingElse(String body, String said) {
		IntrospectionResult result = new IntrospectionResponseReader().read(400, body.getBytes(StandardCharsets.UTF_8),
				IdentityProvider.AZUREAD);
		assertThat(result).isInstanceOfSatisfying(IntrospectionResult.Misconfigured.class,
				(misconfigured) -> assertThat(misconfigured.problem())
					.startsWith("the introspection endpoint refused the request as malformed " + said + ". Check "));
	}

}
