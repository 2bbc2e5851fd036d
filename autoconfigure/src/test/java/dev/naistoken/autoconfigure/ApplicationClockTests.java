package dev.naistoken.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.introspection.cache.IntrospectionCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's {@link Clock} beans are the application's business: the starter neither needs one
 * nor minds how many there are.
 */
class ApplicationClockTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class))
		.withPropertyValues("nais.token.introspection.endpoint=http://127.0.0.1:7164/api/v1/introspect");

	@Test
	void twoClockBeansInTheApplicationDoNotBreakStartUp() {
		this.runner.withUserConfiguration(TwoClocks.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(OpaqueTokenIntrospector.class).hasSingleBean(IntrospectionCache.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoClocks {

		@Bean
		Clock businessClock() {
			return Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC);
		}

		@Bean
		Clock batchClock() {
			return Clock.fixed(Instant.parse("2021-01-01T00:00:00Z"), ZoneOffset.UTC);
		}

	}

}
