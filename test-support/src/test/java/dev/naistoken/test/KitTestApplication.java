package dev.naistoken.test;

import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.naistoken.authorities.NaisTokenPrincipal;

/** An application with the starter and two rules, for the kit's own tests. */
@SpringBootApplication
class KitTestApplication {

	static void main(String[] args) {
		SpringApplication.run(KitTestApplication.class, args);
	}

	@RestController
	static class Endpoints {

		@GetMapping("/whoami")
		Map<String, Object> whoami(@AuthenticationPrincipal NaisTokenPrincipal principal) {
			List<String> authorities = SecurityContextHolder.getContext()
				.getAuthentication()
				.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.toList();
			return Map.of("aliases", principal.groupAliases(), "authorities", authorities, "app", principal.isApp());
		}

		@GetMapping("/admin")
		@PreAuthorize("hasAuthority('GROUP_admins')")
		String admin() {
			return "admin";
		}

	}

}
