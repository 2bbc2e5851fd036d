package dev.naistoken.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.health.IntrospectionEndpointHealthIndicator;

/**
 * A {@code naisToken} health indicator for the introspection endpoint, when
 * {@code nais.token.health.enabled=true} and Spring Boot's health module is on the classpath (as with
 * Actuator).
 * <p>
 * Opt-in, and in no probe group unless the application adds it: with it, the application's health
 * follows a sidecar's, and a probe pointed at the whole health endpoint would take every pod out of
 * service (or restart it) when that sidecar blinks, though requests would get an honest 503 anyway.
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ OpaqueTokenIntrospector.class, HealthIndicator.class })
@ConditionalOnBooleanProperty(name = "nais.token.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("nais.token.health.enabled")
@EnableConfigurationProperties(NaisTokenProperties.class)
public final class NaisTokenHealthAutoConfiguration {

	NaisTokenHealthAutoConfiguration() {
		// Spring Boot creates it; nothing for applications to call.
	}

	@Bean
	@ConditionalOnMissingBean(name = "naisTokenHealthIndicator")
	IntrospectionEndpointHealthIndicator naisTokenHealthIndicator(NaisTokenProperties properties) {
		NaisTokenSettings.check(properties);
		return new IntrospectionEndpointHealthIndicator(NaisTokenSettings.client(properties),
				properties.introspection().identityProvider());
	}

}
