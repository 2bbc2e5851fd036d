package dev.naistoken.autoconfigure;

import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

import dev.naistoken.authorities.NaisTokenPrincipal;

/**
 * A small API as an application would write it: no security configuration, rules with
 * {@code @PreAuthorize} only. Its methods return {@code Mono}, which both stacks serve (reactive method
 * security needs a publisher), so one API runs on Tomcat and on Netty.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TestApi.Endpoints.class)
public class TestApi {

	/** The alias of the admins group in the contract's user token. */
	public static final String ADMINS_GROUP_ID = "6a1f3c2e-0000-4000-8000-000000000001";

	@RestController
	static class Endpoints {

		@GetMapping("/api/hello")
		Mono<String> hello() {
			return Mono.just("hello");
		}

		@GetMapping("/api/admin")
		@PreAuthorize("hasAuthority('GROUP_admins')")
		Mono<String> admin() {
			return Mono.just("admin");
		}

		@GetMapping("/api/app")
		@PreAuthorize("hasRole('access_as_application')")
		Mono<String> app() {
			return Mono.just("app");
		}

		@GetMapping("/api/me")
		Mono<Map<String, Object>> me(Authentication authentication) {
			NaisTokenPrincipal principal = (NaisTokenPrincipal) authentication.getPrincipal();
			List<String> authorities = authentication.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.sorted()
				.toList();
			return Mono
				.just(Map.of("app", principal.isApp(), "aliases", principal.groupAliases(), "authorities", authorities));
		}

	}

}
