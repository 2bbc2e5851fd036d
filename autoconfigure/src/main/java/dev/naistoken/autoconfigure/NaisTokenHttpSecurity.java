package dev.naistoken.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.ClassUtils;

/**
 * The starter's defaults for a filter chain, for an application that writes its own: {@code /error} and
 * the Actuator health endpoint (with its probe groups, {@code /liveness} and {@code /readiness}) open,
 * stateless, no CSRF protection (a bearer token is no cookie a browser sends by itself), and the
 * resource server with the starter's introspector. The starter's own chain is exactly this plus
 * {@code anyRequest().authenticated()}.
 * <pre class="code">
 * &#64;Bean
 * SecurityFilterChain api(HttpSecurity http) throws Exception {
 *     return NaisTokenHttpSecurity.applyDefaults(http)
 *         .authorizeHttpRequests((requests) -&gt; requests
 *             .requestMatchers("/internal/**").hasAuthority("GROUP_admins")
 *             .anyRequest().authenticated())
 *         .build();
 * }
 * </pre>
 */
public final class NaisTokenHttpSecurity {

	private static final String ACTUATOR = "org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType";

	private NaisTokenHttpSecurity() {
	}

	/**
	 * Applies the starter's defaults; call it before your own {@code authorizeHttpRequests} rules, as
	 * Spring Security takes no rule after {@code anyRequest()}.
	 * @param http the chain being built
	 * @return the same {@code http}, to go on with your rules
	 */
	public static HttpSecurity applyDefaults(HttpSecurity http) {
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/error")
				.permitAll()
				.requestMatchers(healthEndpoint(http.getSharedObject(ApplicationContext.class)))
				.permitAll())
			// Stateless without session management's two filters: the context lives in the request only.
			.securityContext(
					(context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.sessionManagement(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.oauth2ResourceServer((resourceServer) -> resourceServer.opaqueToken(Customizer.withDefaults()));
	}

	/**
	 * The health endpoint and everything under it, resolved as the Actuator serves it (base path, path
	 * mapping, a separate management port); nothing without the Actuator.
	 */
	static RequestMatcher healthEndpoint(@Nullable ApplicationContext context) {
		ClassLoader classLoader = (context != null) ? context.getClassLoader() : null;
		return ClassUtils.isPresent(ACTUATOR, classLoader) ? ActuatorHealth.matcher() : (request) -> false;
	}

	/** Loaded only with the Actuator on the class path. */
	private static final class ActuatorHealth {

		static RequestMatcher matcher() {
			RequestMatcher health = EndpointRequest.to("health");
			return (request) -> {
				try {
					return health.matches(request);
				}
				catch (BeansException | IllegalStateException ex) {
					// Actuator classes but no web endpoints in this context: nothing to open, fail closed.
					return false;
				}
			};
		}

	}

}
