package dev.naistoken.sample;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.naistoken.rules.RequireRole;

/**
 * For other applications calling on their own behalf (client credentials). Entra ID gives every
 * application that {@code accessPolicy.inbound.rules} lets in the app role {@code access_as_application},
 * and only app-to-app tokens carry it, so a user (even an admin) is refused here.
 */
@RestController
@RequestMapping("/api/internal")
class InternalController {

	private final CaseRegistry cases;

	InternalController(CaseRegistry cases) {
		this.cases = cases;
	}

	@GetMapping("/statistics")
	@RequireRole("access_as_application")
	Map<String, Long> statistics() {
		List<Case> all = this.cases.all();
		long open = all.stream().filter(Case::isOpen).count();
		return Map.of("open", open, "closed", all.size() - open);
	}

}
