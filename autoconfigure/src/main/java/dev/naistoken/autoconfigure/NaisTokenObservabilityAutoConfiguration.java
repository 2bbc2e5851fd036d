package dev.naistoken.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.observation.IntrospectionCacheMetrics;
import dev.naistoken.observation.ObservedOpaqueTokenIntrospector;

/**
 * Observes the starter's introspections when the application has Micrometer's registries, as Spring
 * Boot's Actuator provides them: a timer per introspection and a gauge of the cache's size. Micrometer is
 * an optional dependency: without it, or without a registry bean, nothing here exists and nothing
 * costs anything.
 * <p>
 * Ordered after Spring Boot's observation and metrics auto-configurations (by class name, as they
 * live in optional modules), so their registries are there to be found.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(OpaqueTokenIntrospector.class)
@ConditionalOnBooleanProperty(name = "nais.token.enabled", matchIfMissing = true)
public final class NaisTokenObservabilityAutoConfiguration {

	NaisTokenObservabilityAutoConfiguration() {
		// Spring Boot creates it; nothing for applications to call.
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	@ConditionalOnBean(ObservationRegistry.class)
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "naisTokenObservationDecorator")
		NaisTokenIntrospectorDecorator naisTokenObservationDecorator(ObservationRegistry registry) {
			return (introspector) -> new ObservedOpaqueTokenIntrospector(introspector, registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IntrospectionCacheMetrics naisTokenCacheMetrics(ObjectProvider<OpaqueTokenIntrospector> introspector) {
			return new IntrospectionCacheMetrics(introspector::getIfUnique);
		}

	}

}
