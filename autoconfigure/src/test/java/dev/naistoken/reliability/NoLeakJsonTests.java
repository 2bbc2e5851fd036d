package dev.naistoken.reliability;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link NoLeakTestCases} with the token sent to the endpoint as JSON.
 */
@TestPropertySource(properties = "nais.token.introspection.request-format=json")
class NoLeakJsonTests extends NoLeakTestCases {

	@Override
	String requestContentType() {
		return "application/json";
	}

}
