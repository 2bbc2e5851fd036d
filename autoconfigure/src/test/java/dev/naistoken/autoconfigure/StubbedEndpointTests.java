package dev.naistoken.autoconfigure;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the application against the WireMock endpoint: one endpoint for the
 * whole test run (so Spring can cache contexts across classes), reset before each test.
 */
abstract class StubbedEndpointTests {

	static final IntrospectionEndpointStub endpoint = new IntrospectionEndpointStub();

	@DynamicPropertySource
	static void endpointProperties(DynamicPropertyRegistry registry) {
		endpoint.register(registry);
	}

	@BeforeEach
	void resetEndpoint() {
		endpoint.reset();
	}

}
