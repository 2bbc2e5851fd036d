package dev.naistoken.autoconfigure.observation;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.autoconfigure.NaisTokenAutoConfiguration;
import dev.naistoken.introspection.DefaultNaisTokenIntrospectionObservationConvention;
import dev.naistoken.test.FakeTexas;
import dev.naistoken.introspection.IntrospectionMisconfiguredException;
import dev.naistoken.introspection.IntrospectionUnavailableException;
import dev.naistoken.introspection.NaisOpaqueTokenIntrospector;
import dev.naistoken.introspection.NaisTokenIntrospectionObservationConvention;
import dev.naistoken.observation.IntrospectionCacheMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What an application with Actuator's registries sees on its dashboards, from real introspections
 * against an endpoint on loopback, and that an application without Micrometer sees nothing change.
 */
class NaisTokenObservabilityAutoConfigurationTests {

	private static final String ACTIVE = "active-token-value";

	private static final String INACTIVE = "inactive-token-value";

	private static final String DOWN = "token-while-the-endpoint-fails";

	private static final String NOT_ENABLED = "token-of-a-provider-not-enabled";

	private final FakeTexas endpoint = FakeTexas.start()
		.answer(ACTIVE, 200, "{\"active\":true,\"sub\":\"subject\",\"exp\":4102444800,\"iat\":1700000000}")
		.answer(DOWN, 502, "bad gateway")
		.answer(NOT_ENABLED, 200, "{\"active\":false,\"error\":\"identity provider 'azuread' is not enabled\"}");

	private final ApplicationContextRunner withoutMicrometer = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class,
				NaisTokenObservabilityAutoConfiguration.class))
		.withPropertyValues("nais.token.introspection.endpoint=" + this.endpoint.endpoint());

	private final ApplicationContextRunner withActuatorRegistries = this.withoutMicrometer
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

	NaisTokenObservabilityAutoConfigurationTests() throws IOException {
	}

	@AfterEach
	void stop() {
		this.endpoint.close();
	}

	@Test
	void activeTokenIsTimedAsAMissThenAsAHit() {
		this.withActuatorRegistries.run((context) -> {
			introspect(context, ACTIVE);
			introspect(context, ACTIVE);
			introspect(context, ACTIVE);
			assertThat(count(context, "active", "miss", "none")).isEqualTo(1);
			assertThat(count(context, "active", "hit", "none")).isEqualTo(2);
			assertThat(this.endpoint.calls()).isEqualTo(1);
		});
	}

	@Test
	void eachOutcomeHasItsTag() {
		this.withActuatorRegistries.run((context) -> {
			OpaqueTokenIntrospector introspector = context.getBean(OpaqueTokenIntrospector.class);
			assertThatExceptionOfType(BadOpaqueTokenException.class)
				.isThrownBy(() -> introspector.introspect(INACTIVE));
			assertThatExceptionOfType(IntrospectionUnavailableException.class)
				.isThrownBy(() -> introspector.introspect(DOWN));
			assertThatExceptionOfType(IntrospectionMisconfiguredException.class)
				.isThrownBy(() -> introspector.introspect(NOT_ENABLED));
			assertThat(count(context, "inactive", "miss", "none")).isEqualTo(1);
			assertThat(count(context, "unavailable", "miss", "IntrospectionUnavailableException")).isEqualTo(1);
			assertThat(count(context, "misconfigured", "miss", "IntrospectionMisconfiguredException")).isEqualTo(1);
		});
	}

	@Test
	void inFlightMeterGuessesNoOutcome() {
		this.withActuatorRegistries.run((context) -> {
			introspect(context, ACTIVE);
			assertThat(meters(context, DefaultNaisTokenIntrospectionObservationConvention.NAME + ".active"))
				.singleElement()
				.satisfies((meter) -> assertThat(meter.getId().getTags()).isEmpty());
		});
	}

	@Test
	void springBootsObservationSwitchTurnsItOff() {
		this.withActuatorRegistries.withPropertyValues("management.observations.enable.nais.token=false")
			.run((context) -> {
				introspect(context, ACTIVE);
				assertThat(meters(context, DefaultNaisTokenIntrospectionObservationConvention.NAME)).isEmpty();
			});
	}

	@Test
	void withoutTheCacheEveryIntrospectionIsAMiss() {
		this.withActuatorRegistries.withPropertyValues("nais.token.introspection.cache.enabled=false")
			.run((context) -> {
				introspect(context, ACTIVE);
				introspect(context, ACTIVE);
				assertThat(count(context, "active", "miss", "none")).isEqualTo(2);
				assertThat(meters(context, IntrospectionCacheMetrics.SIZE)).isEmpty();
			});
	}

	@Test
	void cacheSizeIsAGauge() {
		this.withActuatorRegistries.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(IntrospectionCacheMetrics.SIZE).gauge().value()).isZero();
			introspect(context, ACTIVE);
			assertThatExceptionOfType(BadOpaqueTokenException.class)
				.isThrownBy(() -> context.getBean(OpaqueTokenIntrospector.class).introspect(INACTIVE));
			assertThat(registry.get(IntrospectionCacheMetrics.SIZE).gauge().value()).isEqualTo(1);
		});
	}

	@Test
	void namesAndTagsHoldNothingFromTokensOrClaims() {
		this.withActuatorRegistries.run((context) -> {
			OpaqueTokenIntrospector introspector = context.getBean(OpaqueTokenIntrospector.class);
			for (String token : List.of(ACTIVE, ACTIVE, INACTIVE, DOWN, NOT_ENABLED)) {
				try {
					introspector.introspect(token);
				}
				catch (RuntimeException ex) {
					// each outcome once
				}
			}
			Set<String> keys = new HashSet<>();
			Set<String> values = new HashSet<>();
			for (Meter meter : context.getBean(MeterRegistry.class).getMeters()) {
				if (meter.getId().getName().startsWith("nais.token")) {
					meter.getId().getTags().forEach((tag) -> {
						keys.add(tag.getKey());
						values.add(tag.getValue());
					});
				}
			}
			assertThat(keys).containsExactlyInAnyOrder("outcome", "cache", "error");
			assertThat(values).containsExactlyInAnyOrder("active", "inactive", "unavailable", "misconfigured", "hit",
					"miss", "none", "IntrospectionUnavailableException", "IntrospectionMisconfiguredException");
		});
	}

	@Test
	void withoutRegistriesTheIntrospectorIsLeftAlone() {
		this.withoutMicrometer.run((context) -> {
			assertThat(context.getBean(OpaqueTokenIntrospector.class)).isInstanceOf(NaisOpaqueTokenIntrospector.class);
			assertThat(context).doesNotHaveBean(NaisTokenIntrospectionObservationConvention.class);
			assertThat(context).doesNotHaveBean(IntrospectionCacheMetrics.class);
		});
	}

	@Test
	void withoutMicrometerOnTheClasspathTheStarterStillWorks() {
		this.withoutMicrometer.withClassLoader(new FilteredClassLoader(ObservationRegistry.class, MeterRegistry.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(introspect(context, ACTIVE).getName()).isEqualTo("subject");
				assertThat(context).doesNotHaveBean(NaisTokenIntrospectionObservationConvention.class);
			});
	}

	@Test
	void anIntrospectorTheApplicationDefinesIsNotWrapped() {
		this.withActuatorRegistries.withUserConfiguration(OwnIntrospector.class).run((context) -> {
			assertThat(context.getBean(OpaqueTokenIntrospector.class)).isSameAs(OwnIntrospector.INTROSPECTOR);
			assertThat(meters(context, DefaultNaisTokenIntrospectionObservationConvention.NAME)).isEmpty();
		});
	}

	@Test
	void theStartersIntrospectorIsObserved() {
		this.withActuatorRegistries.run((context) -> assertThat(context.getBean(OpaqueTokenIntrospector.class))
			.isInstanceOf(NaisOpaqueTokenIntrospector.class));
	}

	private static org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal introspect(
			AssertableApplicationContext context, String token) {
		return context.getBean(OpaqueTokenIntrospector.class).introspect(token);
	}

	private static long count(AssertableApplicationContext context, String outcome, String cache, String error) {
		return context.getBean(MeterRegistry.class)
			.get(DefaultNaisTokenIntrospectionObservationConvention.NAME)
			.tags(List.of(Tag.of("outcome", outcome), Tag.of("cache", cache), Tag.of("error", error)))
			.timer()
			.count();
	}

	private static List<Meter> meters(AssertableApplicationContext context, String name) {
		return context.getBean(MeterRegistry.class).find(name).meters().stream().toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnIntrospector {

		static final OpaqueTokenIntrospector INTROSPECTOR = (token) -> {
			throw new BadOpaqueTokenException("no");
		};

		@Bean
		OpaqueTokenIntrospector ownIntrospector() {
			return INTROSPECTOR;
		}

	}

}
