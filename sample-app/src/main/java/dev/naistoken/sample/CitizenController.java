package dev.naistoken.sample;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.naistoken.authorities.NaisTokenPrincipal;

/**
 * For citizens, through the citizen frontend: it exchanges the citizen's ID-porten login for a TokenX
 * token to this API ({@code spec.tokenx.enabled} and an inbound rule for the frontend in
 * {@code nais/app.yaml}). Only TokenX tokens from a login at level high pass, and a citizen sees only
 * the cases about themselves, found by the token's {@code pid}: an employee's Entra ID token, a
 * Maskinporten token or a login at level substantial is refused.
 */
@RestController
@RequestMapping("/api/citizen")
class CitizenController {

	private final CaseRegistry cases;

	CitizenController(CaseRegistry cases) {
		this.cases = cases;
	}

	@GetMapping("/cases")
	@PreAuthorize("hasAuthority('PROVIDER_tokenx') and hasAuthority('LOA_high')")
	List<MyCase> myCases(@AuthenticationPrincipal NaisTokenPrincipal citizen) {
		return this.cases.all()
			.stream()
			.filter((c) -> c.citizen().equals(citizen.pid()))
			.map((c) -> new MyCase(c.id(), c.title(), c.status()))
			.toList();
	}

	/**
	 * A case as the citizen it is about sees it: not who handles it.
	 *
	 * @param id the case number
	 * @param title what it is about
	 * @param status {@code OPEN} or {@code CLOSED}
	 */
	record MyCase(String id, String title, String status) {
	}

}
