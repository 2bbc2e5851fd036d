package dev.naistoken.autoconfigure;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refuses to start a reactive (WebFlux) application until the starter supports one: it would otherwise
 * start with none of the starter's security and answer every request with Spring Boot's default
 * {@code 401} Basic challenge, whatever the token and even with the endpoint down. Imported by
 * {@link NaisTokenAutoConfiguration}, so {@code nais.token.enabled=false} turns it off; to be removed
 * when reactive support lands.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
final class ReactiveApplicationConfiguration {

	/** A post-processor, not a bean method that throws, so lazy initialization cannot skip it. */
	@Bean
	static BeanFactoryPostProcessor naisTokenReactiveApplicationCheck() {
		return (beanFactory) -> {
			throw new NaisTokenConfigurationException("nais.token.enabled",
					"is true (the default) in a reactive (WebFlux) application, and the starter secures servlet "
							+ "(Spring MVC) applications only, for now",
					"Build the application on spring-boot-starter-webmvc instead of spring-boot-starter-webflux, or "
							+ "set nais.token.enabled=false and configure WebFlux security yourself (a "
							+ "SecurityWebFilterChain with an opaque-token resource server for "
							+ "NAIS_TOKEN_INTROSPECTION_ENDPOINT)");
		};
	}

}
