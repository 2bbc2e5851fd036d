package dev.naistoken.test;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import dev.naistoken.autoconfigure.NaisTokenConfigurationException;

/**
 * In a test, a missing introspection endpoint almost always means a forgotten
 * {@link AutoConfigureFakeTexas}: says so, instead of the production advice (the platform's variable, or
 * turning the starter off). Knows a test's context by the marker that
 * {@link FakeTexasContextCustomizerFactory} puts into every test context without a fake; anything else
 * it leaves to the starter's own analyzer, which it precedes. Registered in
 * {@code META-INF/spring.factories}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class FakeTexasFailureAnalyzer extends AbstractFailureAnalyzer<NaisTokenConfigurationException> {

	private final Environment environment;

	FakeTexasFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NaisTokenConfigurationException cause) {
		boolean testContext = (this.environment instanceof ConfigurableEnvironment configurable)
				&& configurable.getPropertySources().contains(FakeTexasContextCustomizerFactory.TEST_CONTEXT_MARKER);
		if (!testContext || !FakeTexasContextCustomizerFactory.ENDPOINT_PROPERTY.equals(cause.getProperty())
				|| StringUtils.hasText(this.environment.getProperty(FakeTexasContextCustomizerFactory.ENDPOINT_PROPERTY))) {
			return null;
		}
		return new FailureAnalysis(cause.getDescription(),
				"Annotate the test class with @AutoConfigureFakeTexas (dev.naistoken.test.AutoConfigureFakeTexas): it "
						+ "starts a fake introspection endpoint for the test's application context and sets the "
						+ "property to it. To test against an endpoint of your own, set the property in the test "
						+ "(@SpringBootTest(properties = ...) or @DynamicPropertySource)",
				cause);
	}

}
