package dev.naistoken.sample;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.naistoken.authorities.NaisTokenPrincipal;

/**
 * For other organisations, with Maskinporten tokens: this API exposes the scope
 * {@code nav:sample/cases.read} ({@code spec.maskinporten.scopes.exposes} in {@code nais/app.yaml}, which
 * also names the organisations that may have it). Maskinporten does not check the scope for the API, so
 * the rule does: a Maskinporten token with the scope passes, any other token is refused.
 */
@RestController
@RequestMapping("/api/partner")
class PartnerController {

	private final CaseRegistry cases;

	PartnerController(CaseRegistry cases) {
		this.cases = cases;
	}

	@GetMapping("/cases/{id}/status")
	@PreAuthorize("hasAuthority('PROVIDER_maskinporten') and hasAuthority('SCOPE_nav:sample/cases.read')")
	CaseStatus status(@PathVariable String id, @AuthenticationPrincipal NaisTokenPrincipal organisation) {
		Case found = this.cases.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + id));
		return new CaseStatus(found.id(), found.status(), organisation.organisationNumber());
	}

	/**
	 * The status of a case, for an organisation.
	 *
	 * @param id the case number
	 * @param status {@code OPEN} or {@code CLOSED}
	 * @param askedBy the organisation number of the caller (Maskinporten's {@code consumer})
	 */
	record CaseStatus(String id, String status, String askedBy) {
	}

}
