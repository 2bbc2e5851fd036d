package dev.naistoken.autoconfigure.observation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.introspection.DefaultNaisTokenIntrospectionObservationConvention;
import dev.naistoken.introspection.IntrospectionRequestHeaders;
import dev.naistoken.introspection.NaisTokenIntrospectionObservationConvention;
import dev.naistoken.introspection.cache.IntrospectionCache;
import dev.naistoken.observation.IntrospectionCacheMetrics;
import dev.naistoken.observation.TraceparentRequestHeaders;

/**
 * Observes the starter's introspections when the application has Micrometer's registries, as Spring
 * Boot's Actuator provides them: the introspector observes each call with the convention bean (a
 * timer per introspection), a gauge reads the cache bean's size, and, with Micrometer Tracing, each
 * call to the endpoint carries the current span's {@code traceparent}. Without Micrometer, or without
 * a registry bean, nothing here exists and nothing costs anything.
 * <p>
 * Ordered after Spring Boot's observation, metrics and tracing auto-configurations (by class name, as
 * they live in optional modules), so their registries and tracer are there to be found. The starter's
 * beans read the convention and the headers when they are created, in any order.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
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
		@ConditionalOnMissingBean
		NaisTokenIntrospectionObservationConvention naisTokenIntrospectionObservationConvention() {
			return new DefaultNaisTokenIntrospectionObservationConvention();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		/** The gauge of the cache bean, whoever's it is; none when the cache is off. */
		@Bean
		@ConditionalOnMissingBean
		IntrospectionCacheMetrics naisTokenCacheMetrics(ObjectProvider<IntrospectionCache> cache) {
			return new IntrospectionCacheMetrics(cache::getIfAvailable);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tracer.class, Propagator.class })
	@ConditionalOnBean({ Tracer.class, Propagator.class })
	static class TracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IntrospectionRequestHeaders naisTokenTraceparentHeaders(Tracer tracer, Propagator propagator) {
			return new TraceparentRequestHeaders(tracer, propagator);
		}

	}

}
