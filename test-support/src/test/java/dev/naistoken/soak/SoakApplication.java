package dev.naistoken.soak;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application under load: one endpoint for the {@code admins} group, the starter's default chain,
 * nothing else.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SoakApplication.Api.class)
class SoakApplication {

	static final String ADMINS = "6a1f3c2e-0000-4000-8000-000000000001";

	static final String OTHERS = "6a1f3c2e-0000-4000-8000-000000000002";

	/** The settings the soak runs with: short timeouts, so a second of flapping holds many requests. */
	static final String[] PROPERTIES = { "nais.token.groups.admins=" + ADMINS,
			"nais.token.introspection.connect-timeout=200ms", "nais.token.introspection.read-timeout=300ms",
			"logging.level.dev.naistoken.introspection=ERROR", "spring.main.banner-mode=off" };

	@RestController
	static class Api {

		@GetMapping("/api/admin")
		@PreAuthorize("hasAuthority('GROUP_admins')")
		String admin() {
			return "admin";
		}

	}

}
