package dev.naistoken.rules;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.naistoken.authorities.LevelOfAssurance;
import dev.naistoken.introspection.IdentityProvider;

/** An application with one endpoint per ready-made rule, for the rules' tests over HTTP. */
@SpringBootApplication
class RulesTestApplication {

	static final String READERS_ID = "6a1f3c2e-0000-4000-8000-000000000001";

	static final String ADMINS_ID = "6a1f3c2e-0000-4000-8000-000000000002";

	@RestController
	static class Rules {

		@GetMapping("/group")
		@RequireGroup({ "readers", "admins" })
		String group() {
			return "group";
		}

		@GetMapping("/group-id")
		@RequireGroup(ADMINS_ID)
		String groupId() {
			return "group-id";
		}

		@GetMapping("/role")
		@RequireRole("access_as_application")
		String role() {
			return "role";
		}

		@GetMapping("/scope")
		@RequireScope({ "defaultaccess", "other" })
		String scope() {
			return "scope";
		}

		@GetMapping("/consumer")
		@RequireConsumer("dev-gcp:team-b:batch")
		String consumer() {
			return "consumer";
		}

		@GetMapping("/provider")
		@RequireProvider({ IdentityProvider.AZUREAD, IdentityProvider.IDPORTEN })
		String provider() {
			return "provider";
		}

		@GetMapping("/provider-tokenx")
		@RequireProvider(IdentityProvider.TOKENX)
		String tokenx() {
			return "tokenx";
		}

		@GetMapping("/level-high")
		@RequireLevel(LevelOfAssurance.HIGH)
		String levelHigh() {
			return "level-high";
		}

		@GetMapping("/level-substantial")
		@RequireLevel(LevelOfAssurance.SUBSTANTIAL)
		String levelSubstantial() {
			return "level-substantial";
		}

		@GetMapping("/raw")
		@PreAuthorize("hasAuthority('GROUP_admins')")
		String raw() {
			return "raw";
		}

	}

	/** A class-level rule, and a method that has its own. */
	@RestController
	@RequestMapping("/admin")
	@RequireGroup("admins")
	static class Admin {

		@GetMapping("/class-rule")
		String classRule() {
			return "class-rule";
		}

		@GetMapping("/own-rule")
		@RequireScope("defaultaccess")
		String ownRule() {
			return "own-rule";
		}

	}

}
