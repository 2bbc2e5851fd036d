package dev.naistoken.autoconfigure;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.naistoken.introspection.ContractCases;
import dev.naistoken.test.FakeTexas;

/**
 * Base of the tests that run the application against the fake endpoint: one endpoint for the whole
 * test run (so Spring can cache contexts across classes), reset before each test. Tests name a token by
 * the contract case it should get.
 */
abstract class StubbedEndpointTests {

	static final FakeTexas endpoint = FakeTexas.start();

	@DynamicPropertySource
	static void endpointProperties(DynamicPropertyRegistry registry) {
		registry.add("nais.token.introspection.endpoint", endpoint::endpoint);
	}

	@BeforeEach
	void resetEndpoint() {
		endpoint.reset();
	}

	/** Answers requests carrying {@code token} with the contract case named {@code caseName}. */
	static void answer(String token, String caseName) {
		ContractCases.Response response = ContractCases.response(caseName);
		endpoint.answer(token, response.status(), response.body());
	}

}
