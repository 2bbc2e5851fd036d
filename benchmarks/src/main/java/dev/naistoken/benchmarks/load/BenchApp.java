package dev.naistoken.benchmarks.load;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.SpringOpaqueTokenIntrospector;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

/**
 * The application every setup of the load comparison runs: one trivial endpoint, {@code GET /hello},
 * secured (or not) as the setup says. One Spring profile per setup:
 * <ul>
 * <li>{@code a} no security at all;</li>
 * <li>{@code s} Spring Boot's stock resource-server chain with a constant introspector;</li>
 * <li>{@code f} the starter's chain with a constant introspector and Spring Security's own conversion
 * (what is left between f and b is the starter's own per-request cost);</li>
 * <li>{@code b} the starter, cache on; {@code c} the starter, cache off;</li>
 * <li>{@code d} the starter's chain with Spring Security's {@link SpringOpaqueTokenIntrospector} against the
 * same endpoint, sending {@code identity_provider} as the endpoint requires;</li>
 * <li>{@code e} local RS256 JWT validation with {@link NimbusJwtDecoder}, in a chain of the same shape;</li>
 * <li>{@code bm}, {@code cm} the starter with the issuers of Entra ID and TokenX known (each token routed
 * to its provider), cache on and off, for a mixed population of Entra ID and TokenX tokens;</li>
 * <li>{@code dm} the same two providers as a Spring Security user builds it from the multi-tenancy
 * documentation: one {@link SpringOpaqueTokenIntrospector} per provider (each sending its
 * {@code identity_provider}), each behind an {@link OpaqueTokenAuthenticationProvider}, chosen by the
 * token's issuer with {@link JwtIssuerAuthenticationManagerResolver}, in a chain of the same shape.</li>
 * </ul>
 * {@code bench.drop} removes filters from whichever chain the setup builds, for the filter-by-filter
 * figures.
 */
@SpringBootApplication
@RestController
public class BenchApp {

	/** Spring Boot's security auto-configurations, excluded in setup a. */
	static final String NO_SECURITY = String.join(",",
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
			"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
			"dev.naistoken.autoconfigure.NaisTokenAutoConfiguration");

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	/**
	 * Starts the application for one setup.
	 * @param setup the setup's letter
	 * @param properties the setup's properties (port, endpoint, key...)
	 * @return the running application
	 */
	public static ConfigurableApplicationContext start(String setup, Map<String, Object> properties) {
		return run(BenchApp.class, WebApplicationType.SERVLET, setup, setupProperties(setup), properties);
	}

	/**
	 * Starts an application of the comparison (this one or the reactive one) for one setup: quiet, with
	 * the setup's profile and properties.
	 * @param source the application class
	 * @param type servlet or reactive
	 * @param setup the setup's name, also its profile
	 * @param setupProperties what the setup sets
	 * @param properties the run's own properties (port, endpoint...), which win
	 * @return the running application
	 */
	public static ConfigurableApplicationContext run(Class<?> source, WebApplicationType type, String setup,
			Map<String, Object> setupProperties, Map<String, Object> properties) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("spring.jmx.enabled", "false");
		defaults.put("logging.level.root", "WARN");
		defaults.put("logging.level.dev.naistoken", "WARN");
		defaults.putAll(setupProperties);
		defaults.putAll(properties);
		SpringApplication application = new SpringApplication(source);
		application.setWebApplicationType(type);
		application.setAdditionalProfiles(setup);
		application.setDefaultProperties(defaults);
		return application.run();
	}

	static Map<String, Object> setupProperties(String setup) {
		Map<String, Object> properties = new HashMap<>();
		switch (setup) {
			case "a" -> properties.put("spring.autoconfigure.exclude", NO_SECURITY);
			case "s", "e", "dm" -> properties.put("nais.token.enabled", "false");
			case "c", "cm" -> properties.put("nais.token.introspection.cache.enabled", "false");
			case "f", "b", "d", "bm" -> {
			}
			default -> throw new IllegalArgumentException("no setup '" + setup + "'");
		}
		// Setups that replace the introspector still need the starter's settings to be valid.
		properties.putIfAbsent("nais.token.introspection.endpoint", "http://127.0.0.1:9/unused");
		return properties;
	}

	/**
	 * Runs one setup in a JVM of its own: {@code BenchApp <setup> [--property=value...]}.
	 * @param args the setup's letter, then Spring Boot arguments
	 */
	public static void main(String[] args) {
		start(args[0], arguments(args));
	}

	/**
	 * The {@code --name=value} arguments after the setup's name.
	 * @param args a {@code main}'s arguments
	 * @return the properties they set
	 */
	public static Map<String, Object> arguments(String[] args) {
		Map<String, Object> properties = new HashMap<>();
		for (int i = 1; i < args.length; i++) {
			String argument = args[i].substring(2);
			int equals = argument.indexOf('=');
			properties.put(argument.substring(0, equals), argument.substring(equals + 1));
		}
		return properties;
	}

	/** A principal like an Entra ID user token's, answered without asking anyone. */
	public static OAuth2AuthenticatedPrincipal constantPrincipal() {
		Map<String, Object> claims = new HashMap<>();
		claims.put("sub", "constant-user");
		claims.put("iat", Instant.now());
		claims.put("exp", Instant.now().plusSeconds(86_400));
		claims.put("groups", List.of("6a1f3c2e-0000-4000-8000-000000000001", "6a1f3c2e-0000-4000-8000-000000000002"));
		claims.put("scp", "defaultaccess");
		List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("SCOPE_defaultaccess"));
		return new DefaultOAuth2AuthenticatedPrincipal("constant-user", claims, authorities);
	}

	@Configuration(proxyBeanMethods = false)
	@Profile({ "f", "s" })
	static class ConstantIntrospection {

		@Bean
		OpaqueTokenIntrospector constantIntrospector() {
			OAuth2AuthenticatedPrincipal principal = constantPrincipal();
			return (token) -> principal;
		}

	}

	/** What Spring Security's {@code OpaqueTokenAuthenticationProvider} does when given no converter. */
	@Configuration(proxyBeanMethods = false)
	@Profile("f")
	static class SpringConversion {

		@Bean
		OpaqueTokenAuthenticationConverter springConversion() {
			return (token, principal) -> {
				Instant iat = principal.getAttribute("iat");
				Instant exp = principal.getAttribute("exp");
				List<GrantedAuthority> authorities = new ArrayList<>(principal.getAuthorities());
				authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.BEARER_AUTHORITY));
				return new BearerTokenAuthentication(principal,
						new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, iat, exp), authorities);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Profile("d")
	static class SpringIntrospection {

		@Bean
		OpaqueTokenIntrospector springOpaqueTokenIntrospector(
				@Value("${bench.texas-endpoint}") String endpoint) {
			return springIntrospector(endpoint, "azuread");
		}

	}

	/**
	 * Spring Security's introspector for one provider of the endpoint: the endpoint wants
	 * {@code identity_provider} beside the token, which takes a request converter.
	 */
	static SpringOpaqueTokenIntrospector springIntrospector(String endpoint, String identityProvider) {
		SpringOpaqueTokenIntrospector introspector = new SpringOpaqueTokenIntrospector(endpoint, new RestTemplate());
		introspector.setRequestEntityConverter((token) -> {
			MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
			form.add("identity_provider", identityProvider);
			form.add("token", token);
			return RequestEntity.post(endpoint)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(form);
		});
		return introspector;
	}

	/** The shape of the starter's default chain: every request authenticated, stateless, no CSRF. */
	static HttpSecurity sameShapeAsTheStartersChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable);
	}

	/**
	 * Several providers as Spring Security's multi-tenancy documentation has a user build them: an
	 * authentication manager per issuer, resolved from the token's {@code iss} by
	 * {@link JwtIssuerAuthenticationManagerResolver}; behind each, an introspector for that provider.
	 */
	@Configuration(proxyBeanMethods = false)
	@Profile("dm")
	static class SpringMultiTenantIntrospection {

		@Bean
		SecurityFilterChain multiTenantChain(HttpSecurity http, @Value("${bench.texas-endpoint}") String endpoint,
				@Value("${bench.issuer.entra-id}") String entraIdIssuer, @Value("${bench.issuer.tokenx}") String tokenxIssuer)
				throws Exception {
			Map<String, AuthenticationManager> managers = new HashMap<>();
			managers.put(entraIdIssuer,
					new ProviderManager(new OpaqueTokenAuthenticationProvider(springIntrospector(endpoint, "azuread"))));
			managers.put(tokenxIssuer,
					new ProviderManager(new OpaqueTokenAuthenticationProvider(springIntrospector(endpoint, "tokenx"))));
			JwtIssuerAuthenticationManagerResolver resolver = new JwtIssuerAuthenticationManagerResolver(managers::get);
			sameShapeAsTheStartersChain(http)
				.oauth2ResourceServer((resourceServer) -> resourceServer.authenticationManagerResolver(resolver));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Profile("e")
	static class LocalJwt {

		@Bean
		JwtDecoder jwtDecoder(@Value("${bench.jwt.public-key}") String publicKey,
				@Value("${bench.jwt.issuer}") String issuer, @Value("${bench.jwt.audience}") String audience)
				throws Exception {
			RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key).build();
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
					new JwtClaimValidator<List<String>>("aud", (aud) -> aud != null && aud.contains(audience))));
			return decoder;
		}

		/** The same shape as the starter's default chain, validating JWTs locally instead. */
		@Bean
		SecurityFilterChain jwtChain(HttpSecurity http) throws Exception {
			sameShapeAsTheStartersChain(http)
				.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
			return http.build();
		}

	}

	/** Drops filters named in {@code bench.drop} from every chain, to measure what each costs. */
	@Configuration(proxyBeanMethods = false)
	static class DroppedFilters {

		@Bean
		@ConditionalOnProperty("bench.drop")
		Customizer<HttpSecurity> dropFilters(@Value("${bench.drop}") List<String> drop) {
			return (http) -> {
				try {
					if (drop.contains("csrf")) {
						http.csrf(AbstractHttpConfigurer::disable);
					}
					if (drop.contains("logout")) {
						http.logout(AbstractHttpConfigurer::disable);
					}
					if (drop.contains("request-cache")) {
						http.requestCache(AbstractHttpConfigurer::disable);
					}
					if (drop.contains("anonymous")) {
						http.anonymous(AbstractHttpConfigurer::disable);
					}
					if (drop.contains("session-management")) {
						http.securityContext((context) -> context
							.securityContextRepository(new RequestAttributeSecurityContextRepository()))
							.sessionManagement(AbstractHttpConfigurer::disable);
					}
					if (drop.contains("headers")) {
						http.headers(AbstractHttpConfigurer::disable);
					}
					if (drop.contains("servlet-api")) {
						http.servletApi(AbstractHttpConfigurer::disable);
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			};
		}

		/** Replaces the starter's customizer (same name), so its 503/500 filter is not added. */
		@Bean
		@ConditionalOnProperty(name = "bench.drop", havingValue = "failure-filter")
		Customizer<HttpSecurity> naisTokenHttpSecurityCustomizer() {
			return (http) -> {
			};
		}

	}

}
