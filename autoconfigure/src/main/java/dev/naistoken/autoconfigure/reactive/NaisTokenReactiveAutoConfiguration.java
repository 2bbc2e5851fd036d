package dev.naistoken.autoconfigure.reactive;

import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;

import dev.naistoken.authorities.NaisTokenReactiveAuthenticationConverter;
import dev.naistoken.autoconfigure.NaisTokenAutoConfiguration;
import dev.naistoken.autoconfigure.NaisTokenProperties;
import dev.naistoken.introspection.IntrospectionEndpointClient;
import dev.naistoken.introspection.NaisReactiveOpaqueTokenIntrospector;
import dev.naistoken.introspection.NaisTokenIntrospectionObservationConvention;
import dev.naistoken.introspection.cache.IntrospectionCache;
import dev.naistoken.web.reactive.AuthorizationHeaderWebFilter;
import dev.naistoken.web.reactive.IntrospectionFailureWebFilter;

/**
 * Secures a reactive (WebFlux) application as {@link NaisTokenAutoConfiguration} secures a servlet one,
 * on the same endpoint client, cache, properties and claims → authorities mapping: a
 * {@link ReactiveOpaqueTokenIntrospector} that never blocks, a {@link ReactiveOpaqueTokenAuthenticationConverter}
 * that delegates to the one mapping, honest 503/500 answers and {@code invalid_request} for a malformed
 * or repeated {@code Authorization} header in every chain (the application's own too), reactive method
 * security, and, when the application defines no chain, a stateless one that requires a valid token
 * everywhere but {@code /error} and the health probes.
 * <p>
 * Ordered by class name before Spring Boot's reactive resource-server, web-security and user-details
 * auto-configurations, so their beans are the ones that back off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NaisTokenAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ReactiveOpaqueTokenIntrospector.class, ServerHttpSecurity.class, Mono.class })
@ConditionalOnBooleanProperty(name = "nais.token.enabled", matchIfMissing = true)
public final class NaisTokenReactiveAutoConfiguration {

	NaisTokenReactiveAutoConfiguration() {
		// Spring Boot creates it; nothing for applications to call.
	}

	@Bean
	@ConditionalOnMissingBean(ReactiveOpaqueTokenIntrospector.class)
	ReactiveOpaqueTokenIntrospector naisTokenReactiveIntrospector(NaisTokenProperties properties,
			IntrospectionEndpointClient client, ObjectProvider<IntrospectionCache> cache,
			ObjectProvider<ObservationRegistry> observations,
			ObjectProvider<NaisTokenIntrospectionObservationConvention> convention) {
		return new NaisReactiveOpaqueTokenIntrospector(client, properties.introspection().identityProvider(),
				properties.exposeInactiveReason(), cache.getIfAvailable(),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP), convention.getIfAvailable());
	}

	/** The application's (or the starter's) one claims → authorities mapping, in reactive terms. */
	@Bean
	@ConditionalOnMissingBean(ReactiveOpaqueTokenAuthenticationConverter.class)
	NaisTokenReactiveAuthenticationConverter naisTokenReactiveAuthenticationConverter(
			OpaqueTokenAuthenticationConverter converter) {
		return new NaisTokenReactiveAuthenticationConverter(converter);
	}

	/**
	 * Applied by Spring Security to every {@link ServerHttpSecurity}, the starter's chain and the
	 * application's own alike, so a hand-written chain answers 503/500 honestly too, and refuses a
	 * malformed or repeated {@code Authorization} header as well.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "naisTokenServerHttpSecurityCustomizer")
	Customizer<ServerHttpSecurity> naisTokenServerHttpSecurityCustomizer() {
		return (http) -> http
			.addFilterBefore(new AuthorizationHeaderWebFilter(), SecurityWebFiltersOrder.AUTHENTICATION)
			.addFilterBefore(new IntrospectionFailureWebFilter(), SecurityWebFiltersOrder.AUTHENTICATION);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean({ SecurityWebFilterChain.class, WebFilterChainProxy.class })
	static class DefaultSecurityWebFilterChainConfiguration {

		@Bean
		SecurityWebFilterChain naisTokenSecurityWebFilterChain(ServerHttpSecurity http) {
			return NaisTokenServerHttpSecurity.applyDefaults(http)
				.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.build();
		}

	}

	/**
	 * Makes {@code @PreAuthorize} work on methods returning {@code Mono}, {@code Flux} or a Kotlin
	 * coroutine without an annotation in the application; backs off when the application enables method
	 * security itself. On in every chain, since a rule that silently does nothing would fail open.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(name = "preAuthorizeAuthorizationMethodInterceptor")
	@EnableReactiveMethodSecurity
	static class MethodSecurityConfiguration {

	}

}
