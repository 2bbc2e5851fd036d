package dev.naistoken.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives every application context of a test class annotated {@link AutoConfigureFakeTexas} its own
 * {@link FakeTexas}, before the context refreshes, so the starter finds its endpoint and the providers'
 * issuers at start-up.
 * Registered in {@code META-INF/spring.factories}, as Spring Boot's own test customizers are.
 */
final class FakeTexasContextCustomizerFactory implements ContextCustomizerFactory {

	static final String ENDPOINT_PROPERTY = "nais.token.introspection.endpoint";

	/**
	 * The properties that point the starter at the fake: its endpoint, and the issuer of every provider it
	 * serves ({@code nais.token.providers.<name>.issuer}), so tokens are routed to their provider as on
	 * NAIS, where the platform sets the issuer variables.
	 * @param texas the fake
	 * @return the properties
	 */
	static Map<String, Object> properties(FakeTexas texas) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(ENDPOINT_PROPERTY, texas.endpoint().toString());
		for (FakeTexas.Provider provider : FakeTexas.Provider.values()) {
			properties.put("nais.token.providers." + provider.propertyName() + ".issuer", texas.issuer(provider));
		}
		return properties;
	}

	/**
	 * The name of an empty property source in the environment of every other test's context, by which
	 * {@link FakeTexasFailureAnalyzer} knows a failing context is a test's.
	 */
	static final String TEST_CONTEXT_MARKER = "naisTokenTestContext";

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, AutoConfigureFakeTexas.class)
				? new FakeTexasContextCustomizer() : new TestContextMarker();
	}

	/**
	 * Marks a test's context without a fake, so that a missing endpoint is reported as a forgotten
	 * {@link AutoConfigureFakeTexas}. A record without components: all instances are equal, so it does
	 * not split Spring's context cache.
	 */
	private record TestContextMarker() implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			context.getEnvironment().getPropertySources().addLast(new MapPropertySource(TEST_CONTEXT_MARKER, Map.of()));
		}

	}

	/**
	 * Starts the fake, puts its URL first among the property sources, and registers it as a bean that
	 * the context closes. All instances are equal, so test classes with the same configuration share
	 * one cached context and one fake.
	 */
	private static final class FakeTexasContextCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			FakeTexas texas = FakeTexas.start();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("fakeTexas", properties(texas)));
			if (!(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)) {
				texas.close();
				throw new IllegalStateException("@AutoConfigureFakeTexas needs an application context whose bean "
						+ "factory is a BeanDefinitionRegistry, as Spring Boot's are");
			}
			// A definition, not a registered singleton, so the context closes the fake (AutoCloseable) with itself.
			RootBeanDefinition definition = new RootBeanDefinition(FakeTexas.class, () -> texas);
			registry.registerBeanDefinition("fakeTexas", definition);
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return (other != null) && other.getClass() == getClass();
		}

		@Override
		public int hashCode() {
			return getClass().hashCode();
		}

	}

}
