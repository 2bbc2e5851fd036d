package dev.naistoken.autoconfigure;

import java.time.Clock;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.firewall.HttpFirewall;

import dev.naistoken.authorities.NaisTokenAuthenticationConverter;
import dev.naistoken.web.HeaderOnlyBearerTokenResolver;
import dev.naistoken.web.HeaderValueFirewallRule;
import dev.naistoken.web.IntrospectionFailureFilter;
import dev.naistoken.web.SingleAuthorizationHeaderFilter;
import dev.naistoken.authorities.NaisTokenAuthorityMapper;
import dev.naistoken.introspection.IntrospectionClient;
import dev.naistoken.introspection.IntrospectionEndpointClient;
import dev.naistoken.introspection.IntrospectionRequestHeaders;
import dev.naistoken.introspection.IntrospectionResponseReader;
import dev.naistoken.introspection.NaisOpaqueTokenIntrospector;
import dev.naistoken.introspection.NaisTokenIntrospectionObservationConvention;
import dev.naistoken.introspection.cache.IntrospectionCache;

/**
 * Secures the application with the NAIS token introspection endpoint: an {@link OpaqueTokenIntrospector}
 * for it, one claims → authorities mapping for every filter chain, honest 503/500 answers when the
 * endpoint cannot be used, and, when the application defines no filter chain, a stateless one that
 * requires a valid token everywhere but {@code /error} and the health probes.
 * <p>
 * Ordered by class name before Spring Boot's resource-server and web-security auto-configurations
 * (both the Boot 4.0 and 4.1 names), so its beans are the ones theirs back off from.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnClass(OpaqueTokenIntrospector.class)
@ConditionalOnBooleanProperty(name = "nais.token.enabled", matchIfMissing = true)
@EnableConfigurationProperties(NaisTokenProperties.class)
@Import(ReactiveApplicationConfiguration.class)
public final class NaisTokenAutoConfiguration {

	/**
	 * The only {@link Clock} bean the cache reads, by name: tests use it to move the cache's time. Any
	 * other {@code Clock} belongs to the application (a fixed or settable business clock would keep a
	 * cached token alive past its {@code exp}), so without this one the cache reads the system clock.
	 */
	public static final String CACHE_CLOCK = "naisTokenCacheClock";

	NaisTokenAutoConfiguration() {
		// Spring Boot creates it; nothing for applications to call.
	}

	/**
	 * The call to the endpoint and what its answer means, shared by the introspector and the health
	 * indicator (and by whatever the application builds on it). Lazy, so that an application with its
	 * own introspector needs no endpoint; the starter's introspector creates it, and so checks the
	 * endpoint, at start-up.
	 */
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	IntrospectionEndpointClient naisTokenEndpointClient(NaisTokenProperties properties,
			ObjectProvider<IntrospectionRequestHeaders> headers) {
		NaisTokenProperties.Introspection introspection = properties.introspection();
		return new IntrospectionEndpointClient(
				new IntrospectionClient(NaisTokenPropertyChecks.endpoint(properties), introspection.requestFormat(),
						introspection.connectTimeout(), introspection.readTimeout(),
						headers.getIfAvailable(() -> IntrospectionRequestHeaders.NONE)),
				new IntrospectionResponseReader(introspection.keepInternalClaims()));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "nais.token.introspection.cache.enabled", matchIfMissing = true)
	IntrospectionCache naisTokenIntrospectionCache(NaisTokenProperties properties,
			@Qualifier(CACHE_CLOCK) ObjectProvider<Clock> cacheClock) {
		NaisTokenProperties.Cache cache = properties.introspection().cache();
		return new IntrospectionCache(cache.maxSize(), cache.maxTtl(), cacheClock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean(OpaqueTokenIntrospector.class)
	OpaqueTokenIntrospector naisTokenIntrospector(NaisTokenProperties properties, IntrospectionEndpointClient client,
			ObjectProvider<IntrospectionCache> cache, ObjectProvider<ObservationRegistry> observations,
			ObjectProvider<NaisTokenIntrospectionObservationConvention> convention) {
		return new NaisOpaqueTokenIntrospector(client, properties.introspection().identityProvider(),
				properties.exposeInactiveReason(), cache.getIfAvailable(),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP), convention.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean(OpaqueTokenAuthenticationConverter.class)
	NaisTokenAuthenticationConverter naisTokenAuthenticationConverter(NaisTokenProperties properties) {
		NaisTokenProperties.Authorities authorities = properties.authorities();
		return new NaisTokenAuthenticationConverter(
				new NaisTokenAuthorityMapper(authorities.groupPrefix(), authorities.rolePrefix(),
						authorities.scopePrefix(), authorities.providerPrefix(), authorities.levelPrefix(),
						properties.groups()),
				properties.introspection().identityProvider());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(SecurityFilterChain.class)
	static class ServletConfiguration {

		/**
		 * Applied by Spring Security to every {@link HttpSecurity}, the starter's chain and the
		 * application's own alike, so a hand-written chain answers 503/500 honestly too, and refuses
		 * a request with two {@code Authorization} headers as well.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "naisTokenHttpSecurityCustomizer")
		Customizer<HttpSecurity> naisTokenHttpSecurityCustomizer() {
			return (http) -> http
				.addFilterBefore(new SingleAuthorizationHeaderFilter(), BearerTokenAuthenticationFilter.class)
				.addFilterBefore(new IntrospectionFailureFilter(), BearerTokenAuthenticationFilter.class);
		}

		/**
		 * Picked up by every resource-server chain; backs off when the application resolves tokens its
		 * own way (a resolver, or an authentication converter, which Spring Security prefers).
		 */
		@Bean
		@ConditionalOnMissingBean({ BearerTokenResolver.class, AuthenticationConverter.class })
		BearerTokenResolver naisTokenBearerTokenResolver() {
			return new HeaderOnlyBearerTokenResolver();
		}

		/**
		 * Spring Security's strict firewall with its default rules, checking header values without a
		 * regular expression; Spring Security picks up an {@link HttpFirewall} bean for every chain.
		 */
		@Bean
		@ConditionalOnMissingBean(HttpFirewall.class)
		HttpFirewall naisTokenHttpFirewall() {
			return HeaderValueFirewallRule.firewall();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnDefaultWebSecurity
	static class DefaultSecurityFilterChainConfiguration {

		@Bean
		SecurityFilterChain naisTokenSecurityFilterChain(HttpSecurity http) throws Exception {
			return NaisTokenHttpSecurity.applyDefaults(http)
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.build();
		}

	}

	/**
	 * Makes {@code @PreAuthorize} work without an annotation in the application; backs off when the
	 * application enables method security itself. On in every chain, since a rule that silently does
	 * nothing would fail open.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnMissingBean(name = "preAuthorizeAuthorizationMethodInterceptor")
	@EnableMethodSecurity
	static class MethodSecurityConfiguration {

	}

}
