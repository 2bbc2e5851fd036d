package dev.naistoken.sample.reactive;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.naistoken.authorities.NaisTokenPrincipal;

/**
 * The servlet sample's API and rules, handler for handler, returning {@code Mono} and {@code Flux}:
 * {@code GROUP_readers} and {@code GROUP_admins} are the aliases from {@code nais.token.groups} in
 * {@code application.yaml}; reactive method security checks each rule when the result is subscribed to.
 */
@RestController
class CaseHandlers {

	private final CaseStore cases;

	CaseHandlers(CaseStore cases) {
		this.cases = cases;
	}

	@GetMapping("/api/cases")
	@PreAuthorize("hasAnyAuthority('GROUP_readers', 'GROUP_admins')")
	Flux<Case> list() {
		return this.cases.findAll();
	}

	@GetMapping("/api/cases/{id}")
	@PreAuthorize("hasAnyAuthority('GROUP_readers', 'GROUP_admins')")
	Mono<Case> get(@PathVariable String id) {
		return this.cases.findById(id).switchIfEmpty(notFound(id));
	}

	@PostMapping("/api/cases/{id}/close")
	@PreAuthorize("hasAuthority('GROUP_admins')")
	Mono<Case> close(@PathVariable String id) {
		return this.cases.close(id).switchIfEmpty(notFound(id));
	}

	/**
	 * The caller's own open cases: any user calling through a frontend (scope {@code defaultaccess}),
	 * whatever their groups; an application calling on its own behalf has no scope and is refused.
	 */
	@GetMapping("/api/cases/assigned-to-me")
	@PreAuthorize("hasAuthority('SCOPE_defaultaccess')")
	Flux<Case> assignedToMe(@AuthenticationPrincipal NaisTokenPrincipal caller) {
		return this.cases.findAll().filter((c) -> c.isOpen() && c.assignee().equals(caller.navIdent()));
	}

	/** For applications calling on their own behalf: only app-to-app tokens carry the role. */
	@GetMapping("/api/internal/statistics")
	@PreAuthorize("hasRole('access_as_application')")
	Mono<Map<String, Long>> statistics() {
		return this.cases.findAll()
			.reduce(new long[2], (counts, c) -> {
				counts[c.isOpen() ? 0 : 1]++;
				return counts;
			})
			.map((counts) -> Map.of("open", counts[0], "closed", counts[1]));
	}

	/** Who the caller is, as the starter sees the token: for debugging rules. */
	@GetMapping("/api/me")
	@PreAuthorize("isAuthenticated()")
	Mono<Caller> me(@AuthenticationPrincipal NaisTokenPrincipal caller) {
		return Mono.just(new Caller(caller.isApp() ? "app" : "user", caller.navIdent(), caller.consumer(),
				caller.groupAliases(), caller.roles(), caller.scopes()));
	}

	/**
	 * The caller.
	 *
	 * @param kind {@code user} (on behalf of a person) or {@code app} (an application on its own behalf)
	 * @param navIdent the NAV ident, users only
	 * @param consumer the calling application ({@code azp_name})
	 * @param groups the aliases ({@code nais.token.groups}) of the caller's groups
	 * @param roles the app roles
	 * @param scopes the delegated scopes
	 */
	record Caller(String kind, @Nullable String navIdent, @Nullable String consumer, Set<String> groups,
			List<String> roles, List<String> scopes) {
	}

	private static <T> Mono<T> notFound(String id) {
		return Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + id));
	}

}
