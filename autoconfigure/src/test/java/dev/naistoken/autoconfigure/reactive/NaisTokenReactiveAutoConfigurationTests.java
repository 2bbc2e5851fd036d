package dev.naistoken.autoconfigure.reactive;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;
import org.springframework.security.web.server.SecurityWebFilterChain;

import dev.naistoken.authorities.NaisTokenReactiveAuthenticationConverter;
import dev.naistoken.autoconfigure.NaisTokenAutoConfiguration;
import dev.naistoken.introspection.IntrospectionEndpointClient;
import dev.naistoken.introspection.NaisReactiveOpaqueTokenIntrospector;
import dev.naistoken.introspection.cache.IntrospectionCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the reactive auto-configuration's beans exist, and when they back off.
 */
class NaisTokenReactiveAutoConfigurationTests {

	private static final String ENDPOINT = "nais.token.introspection.endpoint=http://127.0.0.1:7164/api/v1/introspect";

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class,
				NaisTokenReactiveAutoConfiguration.class, SecurityAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class,
				ReactiveUserDetailsServiceAutoConfiguration.class));

	@Test
	void aReactiveApplicationGetsEveryPartOnOneEndpointClientAndOneCache() {
		this.runner.withPropertyValues(ENDPOINT).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ReactiveOpaqueTokenIntrospector.class))
				.isInstanceOf(NaisReactiveOpaqueTokenIntrospector.class);
			assertThat(context.getBean(ReactiveOpaqueTokenAuthenticationConverter.class))
				.isInstanceOf(NaisTokenReactiveAuthenticationConverter.class);
			assertThat(context).hasSingleBean(IntrospectionEndpointClient.class);
			assertThat(context).as("one cache, whichever stack asks").hasSingleBean(IntrospectionCache.class);
			assertThat(context).hasSingleBean(SecurityWebFilterChain.class);
			assertThat(context).hasBean("naisTokenSecurityWebFilterChain");
			assertThat(context).hasBean("naisTokenServerHttpSecurityCustomizer");
			assertThat(context).hasBean("preAuthorizeAuthorizationMethodInterceptor");
			assertThat(context).as("Boot's in-memory user backs off").doesNotHaveBean(ReactiveUserDetailsService.class);
		});
	}

	@Test
	void theApplicationsOwnChainReplacesTheDefaultOne() {
		this.runner.withPropertyValues(ENDPOINT).withUserConfiguration(OwnChain.class).run((context) -> {
			assertThat(context).hasSingleBean(SecurityWebFilterChain.class);
			assertThat(context).doesNotHaveBean("naisTokenSecurityWebFilterChain");
			assertThat(context).hasSingleBean(ReactiveOpaqueTokenIntrospector.class);
		});
	}

	@Test
	void theApplicationsOwnIntrospectorAndConverterReplaceTheStartersAndNoEndpointIsNeeded() {
		this.runner.withUserConfiguration(OwnIntrospection.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ReactiveOpaqueTokenIntrospector.class))
				.isSameAs(context.getBean(OwnIntrospection.class).introspector);
			assertThat(context).doesNotHaveBean(NaisTokenReactiveAuthenticationConverter.class);
			assertThat(context).as("nor the servlet stack's").doesNotHaveBean(OpaqueTokenIntrospector.class);
		});
	}

	@Test
	void switchedOffNothingIsThere() {
		this.runner.withPropertyValues(ENDPOINT, "nais.token.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(NaisReactiveOpaqueTokenIntrospector.class);
			assertThat(context).doesNotHaveBean("naisTokenSecurityWebFilterChain");
		});
	}

	@Test
	void aServletApplicationGetsNoReactivePart() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class,
					NaisTokenReactiveAutoConfiguration.class, SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class))
			.withPropertyValues(ENDPOINT)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ReactiveOpaqueTokenIntrospector.class);
				assertThat(context).doesNotHaveBean("naisTokenServerHttpSecurityCustomizer");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityWebFilterChain applicationChain(ServerHttpSecurity http) {
			return NaisTokenServerHttpSecurity.applyDefaults(http)
				.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnIntrospection {

		final ReactiveOpaqueTokenIntrospector introspector = (token) -> Mono.error(new BadOpaqueTokenException("no"));

		@Bean
		ReactiveOpaqueTokenIntrospector applicationIntrospector() {
			return this.introspector;
		}

		@Bean
		ReactiveOpaqueTokenAuthenticationConverter applicationConverter() {
			return (token, principal) -> Mono.empty();
		}

	}

}
