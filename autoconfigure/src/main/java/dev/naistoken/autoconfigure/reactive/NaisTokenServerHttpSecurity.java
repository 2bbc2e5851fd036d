package dev.naistoken.autoconfigure.reactive;

import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.ClassUtils;

import dev.naistoken.web.reactive.HeaderOnlyServerBearerTokenConverter;

/**
 * The starter's defaults for a reactive filter chain, for an application that writes its own: the twin
 * of {@link dev.naistoken.autoconfigure.NaisTokenHttpSecurity}. {@code /error} and the Actuator health
 * endpoint (with its probe groups) open, stateless (no security context kept between exchanges), no
 * CSRF protection (a bearer token is no cookie a browser sends by itself), no form login, basic
 * authentication or logout, and the resource server with the starter's reactive introspector, reading the
 * token with {@link HeaderOnlyServerBearerTokenConverter}. The
 * starter's own chain is exactly this plus {@code anyExchange().authenticated()}.
 * <pre class="code">
 * &#64;Bean
 * SecurityWebFilterChain api(ServerHttpSecurity http) {
 *     return NaisTokenServerHttpSecurity.applyDefaults(http)
 *         .authorizeExchange((exchanges) -&gt; exchanges
 *             .pathMatchers("/internal/**").hasAuthority("GROUP_admins")
 *             .anyExchange().authenticated())
 *         .build();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class NaisTokenServerHttpSecurity {

	private static final String ACTUATOR = "org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType";

	private NaisTokenServerHttpSecurity() {
	}

	/**
	 * Applies the starter's defaults; call it before your own {@code authorizeExchange} rules, as
	 * Spring Security takes no rule after {@code anyExchange()}.
	 * @param http the chain being built
	 * @return the same {@code http}, to go on with your rules
	 */
	public static ServerHttpSecurity applyDefaults(ServerHttpSecurity http) {
		return http
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/error")
				.permitAll()
				.matchers(healthEndpoint())
				.permitAll())
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.bearerTokenConverter(new HeaderOnlyServerBearerTokenConverter())
				.opaqueToken(Customizer.withDefaults()));
	}

	/**
	 * The health endpoint and everything under it, resolved as the Actuator serves it (base path, path
	 * mapping, a separate management port); nothing without the Actuator.
	 */
	static ServerWebExchangeMatcher healthEndpoint() {
		return ClassUtils.isPresent(ACTUATOR, NaisTokenServerHttpSecurity.class.getClassLoader())
				? ActuatorHealth.matcher() : (exchange) -> ServerWebExchangeMatcher.MatchResult.notMatch();
	}

	/** Loaded only with the Actuator on the class path. */
	private static final class ActuatorHealth {

		static ServerWebExchangeMatcher matcher() {
			ServerWebExchangeMatcher health = EndpointRequest.to("health");
			// Actuator classes but no web endpoints in this context: nothing to open, fail closed.
			return (exchange) -> health.matches(exchange)
				.onErrorResume(RuntimeException.class, (ex) -> ServerWebExchangeMatcher.MatchResult.notMatch());
		}

	}

}
