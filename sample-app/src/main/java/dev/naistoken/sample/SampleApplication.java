package dev.naistoken.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small case-handling API secured by the nais-token starter. There is no security configuration
 * class: the starter's chain requires a valid token on every path except {@code /error} and the health
 * probes, and each endpoint states who may call it with {@code @PreAuthorize}.
 * <p>
 * Run on NAIS, or anywhere {@code NAIS_TOKEN_INTROSPECTION_ENDPOINT} is set. To run it on a laptop
 * against a fake endpoint, see {@code LocalSampleApplication} in the test sources.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
