package dev.naistoken.sample.reactive;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample's case-handling API on Spring WebFlux and Netty, secured by the nais-token starter with the
 * same rules as the servlet sample. There is no security configuration class: the starter's
 * {@code SecurityWebFilterChain} requires a valid token on every path except {@code /error} and the
 * health probes, and turns on reactive method security, so each handler states who may call it with
 * {@code @PreAuthorize} on a method that returns a {@code Mono} or a {@code Flux}.
 * <p>
 * Run on NAIS, or anywhere {@code NAIS_TOKEN_INTROSPECTION_ENDPOINT} is set. Not published: it exists
 * to be driven end to end by its tests.
 */
@SpringBootApplication
public class ReactiveSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReactiveSampleApplication.class, args);
	}

}
