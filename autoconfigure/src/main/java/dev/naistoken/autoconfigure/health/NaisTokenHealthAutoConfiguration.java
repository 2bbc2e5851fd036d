package dev.naistoken.autoconfigure.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.autoconfigure.NaisTokenAutoConfiguration;
import dev.naistoken.autoconfigure.NaisTokenProperties;
import dev.naistoken.health.IntrospectionEndpointHealthIndicator;
import dev.naistoken.introspection.IntrospectionEndpointClient;

/**
 * A {@code naisToken} health indicator for the introspection endpoint, when
 * {@code management.health.naistoken.enabled=true} and Spring Boot's health module is on the classpath
 * (as with Actuator). It asks through the same endpoint client as the introspector.
 * <p>
 * Off unless switched on (unlike Boot's other indicators), and in no probe group unless the application
 * adds it: with it, the application's health follows a sidecar's, and a probe pointed at the whole
 * health endpoint would take every pod out of service (or restart it) when that sidecar blinks, though
 * requests would get an honest 503 anyway.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NaisTokenAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ OpaqueTokenIntrospector.class, HealthIndicator.class })
@ConditionalOnBooleanProperty(name = "nais.token.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "management.health.naistoken.enabled", matchIfMissing = false)
public final class NaisTokenHealthAutoConfiguration {

	NaisTokenHealthAutoConfiguration() {
		// Spring Boot creates it; nothing for applications to call.
	}

	@Bean
	@ConditionalOnBean(IntrospectionEndpointClient.class)
	@ConditionalOnMissingBean(name = "naisTokenHealthIndicator")
	IntrospectionEndpointHealthIndicator naisTokenHealthIndicator(IntrospectionEndpointClient client,
			NaisTokenProperties properties) {
		return new IntrospectionEndpointHealthIndicator(client, properties.introspection().identityProvider());
	}

}
