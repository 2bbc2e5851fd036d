package dev.naistoken.manifest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.naistoken.authorities.LevelOfAssurance;
import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.rules.RequireConsumer;
import dev.naistoken.rules.RequireGroup;
import dev.naistoken.rules.RequireLevel;
import dev.naistoken.rules.RequireProvider;
import dev.naistoken.rules.RequireRole;
import dev.naistoken.rules.RequireScope;

/** An application with a rule of every kind the manifest check compares. */
@SpringBootApplication
class ManifestTestApplication {

	@RestController
	static class Rules {

		@GetMapping("/cases")
		@RequireGroup({ "readers", "admins" })
		String cases() {
			return "";
		}

		@GetMapping("/write")
		@PreAuthorize("hasRole('case.write')")
		String write() {
			return "";
		}

		@GetMapping("/statistics")
		@RequireRole("access_as_application")
		String statistics() {
			return "";
		}

		@GetMapping("/export")
		@RequireScope({ "cases.export", "defaultaccess" })
		String export() {
			return "";
		}

		@GetMapping("/citizen")
		@RequireProvider(IdentityProvider.TOKENX)
		String citizen() {
			return "";
		}

		@GetMapping("/secure")
		@RequireLevel(LevelOfAssurance.HIGH)
		String secure() {
			return "";
		}

		@GetMapping("/batch")
		@RequireConsumer("dev-gcp:team-batch:case-batch")
		String batch() {
			return "";
		}

		@GetMapping("/partner")
		@RequireScope("nav:cases/cases.read")
		String partner() {
			return "";
		}

	}

}
