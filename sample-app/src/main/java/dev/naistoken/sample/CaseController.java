package dev.naistoken.sample;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.naistoken.authorities.NaisTokenPrincipal;
import dev.naistoken.rules.RequireGroup;
import dev.naistoken.rules.RequireScope;

/**
 * Cases for caseworkers. Who may do what is written on each method with the starter's rule annotations;
 * {@code readers} and {@code admins} are the aliases from {@code nais.token.groups} in
 * {@code application.yaml}, checked at start-up. Closing a case shows the same rule as a plain
 * {@code @PreAuthorize}, which works as well (and is checked too).
 */
@RestController
@RequestMapping("/api/cases")
class CaseController {

	private final CaseRegistry cases;

	CaseController(CaseRegistry cases) {
		this.cases = cases;
	}

	@GetMapping
	@RequireGroup({ "readers", "admins" })
	List<Case> list() {
		return this.cases.all();
	}

	@GetMapping("/{id}")
	@RequireGroup({ "readers", "admins" })
	Case get(@PathVariable String id) {
		return this.cases.find(id).orElseThrow(() -> notFound(id));
	}

	@PostMapping("/{id}/close")
	@PreAuthorize("hasAuthority('GROUP_admins')")
	Case close(@PathVariable String id) {
		return this.cases.close(id).orElseThrow(() -> notFound(id));
	}

	/**
	 * The caller's own open cases. Any user calling through a frontend (an on-behalf-of token carries
	 * the {@code defaultaccess} scope), whatever their groups; an application calling on its own behalf
	 * has no scope and no NAV ident, so it is refused.
	 */
	@GetMapping("/assigned-to-me")
	@RequireScope("defaultaccess")
	List<Case> assignedToMe(@AuthenticationPrincipal NaisTokenPrincipal caller) {
		return this.cases.all()
			.stream()
			.filter((c) -> c.isOpen() && c.assignee().equals(caller.navIdent()))
			.toList();
	}

	private static ResponseStatusException notFound(String id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + id);
	}

}
