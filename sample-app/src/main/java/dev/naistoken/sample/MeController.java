package dev.naistoken.sample;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.naistoken.authorities.NaisTokenPrincipal;

/** Who the caller is, as the starter sees the token: for debugging rules. */
@RestController
class MeController {

	@GetMapping("/api/me")
	@PreAuthorize("isAuthenticated()")
	Me me(@AuthenticationPrincipal NaisTokenPrincipal caller) {
		return new Me(caller.isApp() ? "app" : "user", caller.getName(), caller.navIdent(), caller.consumer(),
				caller.groupAliases(), caller.roles(), caller.scopes());
	}

	/**
	 * The caller.
	 *
	 * @param kind {@code user} (on behalf of a person) or {@code app} (an application on its own behalf)
	 * @param subject the token's subject
	 * @param navIdent the NAV ident, users only
	 * @param consumer the calling application ({@code azp_name})
	 * @param groups the aliases ({@code nais.token.groups}) of the caller's groups
	 * @param roles the app roles
	 * @param scopes the delegated scopes
	 */
	record Me(String kind, String subject, @Nullable String navIdent, @Nullable String consumer, Set<String> groups,
			List<String> roles, List<String> scopes) {
	}

}
