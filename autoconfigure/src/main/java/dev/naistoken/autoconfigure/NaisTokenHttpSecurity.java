package dev.naistoken.autoconfigure;

import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.ClassUtils;

import dev.naistoken.introspection.IssuerRouting;

/**
 * The starter's defaults for a filter chain, for an application that writes its own: {@code /error} and
 * the Actuator health endpoint (with its probe groups, {@code /liveness} and {@code /readiness}) open,
 * stateless, no CSRF protection (a bearer token is no cookie a browser sends by itself), and the
 * resource server with the starter's introspector, whose RFC 9728 metadata
 * ({@code /.well-known/oauth-protected-resource}) lists the accepted providers' issuers as
 * {@code authorization_servers} and claims no certificate-bound tokens. The starter's own chain is
 * exactly this plus {@code anyRequest().authenticated()}.
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
		ApplicationContext application = http.getSharedObject(ApplicationContext.class);
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/error")
				.permitAll()
				.requestMatchers(healthEndpoint(application))
				.permitAll())
			// Stateless without session management's two filters: the context lives in the request only.
			.securityContext(
					(context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.sessionManagement(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.oauth2ResourceServer((resourceServer) -> resourceServer.opaqueToken(Customizer.withDefaults())
				.protectedResourceMetadata((metadata) -> metadata
					.protectedResourceMetadataCustomizer(protectedResourceMetadata(application))));
	}

	/**
	 * The accepted providers' issuers as {@code authorization_servers} (none when no issuer is known),
	 * and {@code tls_client_certificate_bound_access_tokens} false: Spring Security claims true by
	 * default, but the platform's providers issue plain bearer tokens, and the endpoint checks no
	 * certificate binding.
	 */
	static Consumer<OAuth2ProtectedResourceMetadata.Builder> protectedResourceMetadata(
			@Nullable ApplicationContext context) {
		IssuerRouting routing = (context != null) ? context.getBeanProvider(IssuerRouting.class).getIfAvailable()
				: null;
		List<String> issuers = (routing != null) ? List.copyOf(routing.issuers().values()) : List.of();
		return (metadata) -> {
			metadata.tlsClientCertificateBoundAccessTokens(false);
			issuers.forEach(metadata::authorizationServer);
		};
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
