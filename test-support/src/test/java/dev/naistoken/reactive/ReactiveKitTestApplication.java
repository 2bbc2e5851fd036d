package dev.naistoken.reactive;

import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.naistoken.authorities.NaisTokenPrincipal;

/**
 * A WebFlux application with the starter and the same two rules as the servlet kit application, for the
 * kit's own tests of a reactive application. In a package of its own, so that neither application
 * scans the other; tests start it with {@code spring.main.web-application-type=reactive}, as the kit's
 * test class path holds both stacks.
 */
@SpringBootApplication
public class ReactiveKitTestApplication {

	/** The test property that makes it reactive. */
	public static final String REACTIVE = "spring.main.web-application-type=reactive";

	@RestController
	static class Endpoints {

		private final AdminService admin;

		Endpoints(AdminService admin) {
			this.admin = admin;
		}

		@GetMapping("/whoami")
		Mono<Map<String, Object>> whoami(Authentication authentication) {
			List<String> authorities = authentication.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.toList();
			Set<String> aliases = (authentication.getPrincipal() instanceof NaisTokenPrincipal principal)
					? principal.groupAliases() : Set.of();
			return Mono.just(Map.of("aliases", aliases, "authorities", authorities));
		}

		@GetMapping("/admin")
		Mono<String> admin() {
			return this.admin.admin();
		}

	}

	/** The rule on a bean's method returning a {@code Mono}, so tests can also call it directly. */
	@Service
	public static class AdminService {

		@PreAuthorize("hasAuthority('GROUP_admins')")
		public Mono<String> admin() {
			return Mono.just("admin");
		}

	}

}
