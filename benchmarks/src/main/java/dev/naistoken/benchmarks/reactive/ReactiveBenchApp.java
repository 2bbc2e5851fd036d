package dev.naistoken.benchmarks.reactive;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.SpringReactiveOpaqueTokenIntrospector;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import dev.naistoken.benchmarks.load.BenchApp;

/**
 * The reactive twin of {@code BenchApp}: {@code GET /hello} on WebFlux and Netty, secured (or not) as
 * the setup says. In a package of its own, so neither application scans the other. One Spring profile
 * per setup:
 * <ul>
 * <li>{@code ra} no security at all;</li>
 * <li>{@code rs} Spring Boot's stock reactive resource-server chain (the starter off) with an introspector
 * that answers a constant principal: what Spring Security's reactive chain costs by itself;</li>
 * <li>{@code rf} the starter's chain and conversion with that constant introspector: the chain without the
 * cache and the endpoint;</li>
 * <li>{@code rb} the starter, cache on; {@code rc} the starter, cache off;</li>
 * <li>{@code rd} the starter's chain with Spring Security's {@link SpringReactiveOpaqueTokenIntrospector}
 * (on a {@link WebClient}, Reactor Netty's client) against the same endpoint, sending
 * {@code identity_provider} as the endpoint requires.</li>
 * </ul>
 */
@SpringBootApplication
@RestController
public class ReactiveBenchApp {

	/** Spring Boot's reactive security auto-configurations and the starter's, excluded in setup ra. */
	static final String NO_SECURITY = String.join(",",
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
			"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
			"dev.naistoken.autoconfigure.NaisTokenAutoConfiguration",
			"dev.naistoken.autoconfigure.reactive.NaisTokenReactiveAutoConfiguration");

	/** Tomcat is on the class path for the servlet setups; the reactive ones run on Netty. */
	static final String NOT_TOMCAT = "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration";

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	/**
	 * Starts the application for one setup.
	 * @param setup the setup's name
	 * @param properties the setup's properties (port, endpoint...)
	 * @return the running application
	 */
	public static ConfigurableApplicationContext start(String setup, Map<String, Object> properties) {
		return BenchApp.run(ReactiveBenchApp.class, WebApplicationType.REACTIVE, setup, setupProperties(setup),
				properties);
	}

	static Map<String, Object> setupProperties(String setup) {
		Map<String, Object> properties = new HashMap<>();
		switch (setup) {
			case "ra" -> properties.put("spring.autoconfigure.exclude", NOT_TOMCAT + "," + NO_SECURITY);
			case "rc" -> properties.put("nais.token.introspection.cache.enabled", "false");
			case "rs" -> properties.put("nais.token.enabled", "false");
			case "rb", "rd", "rf" -> {
			}
			default -> throw new IllegalArgumentException("no reactive setup '" + setup + "'");
		}
		properties.putIfAbsent("spring.autoconfigure.exclude", NOT_TOMCAT);
		properties.putIfAbsent("nais.token.introspection.endpoint", "http://127.0.0.1:9/unused");
		return properties;
	}

	/**
	 * Runs one setup in a JVM of its own: {@code ReactiveBenchApp <setup> [--property=value...]}.
	 * @param args the setup's name, then Spring Boot arguments
	 */
	public static void main(String[] args) {
		start(args[0], BenchApp.arguments(args));
	}

	@Configuration(proxyBeanMethods = false)
	@Profile({ "rs", "rf" })
	static class ConstantIntrospection {

		/** Replaces the starter's introspector (it backs off) in rf; Spring Boot's chain uses it in rs. */
		@Bean
		ReactiveOpaqueTokenIntrospector constantReactiveIntrospector() {
			OAuth2AuthenticatedPrincipal principal = BenchApp.constantPrincipal();
			return (token) -> Mono.just(principal);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Profile("rd")
	static class SpringIntrospection {

		/** Replaces the starter's introspector (it backs off), as setup d does on the servlet stack. */
		@Bean
		ReactiveOpaqueTokenIntrospector springReactiveOpaqueTokenIntrospector(
				@Value("${bench.texas-endpoint}") String endpoint) {
			WebClient client = WebClient.builder().filter(identityProvider("azuread")).build();
			return new SpringReactiveOpaqueTokenIntrospector(endpoint, client);
		}

		/**
		 * Spring's reactive introspector sends {@code token} only, and offers no hook for the request
		 * body; the endpoint requires {@code identity_provider} too. Puts it in front of the form Spring
		 * writes (and fixes the length Spring set), bytes only: nothing parses or copies the token.
		 */
		static ExchangeFilterFunction identityProvider(String provider) {
			byte[] field = ("identity_provider=" + provider + "&").getBytes(StandardCharsets.US_ASCII);
			return (request, next) -> next.exchange(ClientRequest.from(request)
				.body((message, context) -> request.body().insert(new ClientHttpRequestDecorator(message) {

					@Override
					public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
						HttpHeaders headers = getHeaders();
						if (headers.getContentLength() >= 0) {
							headers.setContentLength(headers.getContentLength() + field.length);
						}
						return super.writeWith(Flux.concat(Mono.fromSupplier(() -> bufferFactory().wrap(field)), body));
					}

				}, context))
				.build());
		}

	}

}
