package dev.naistoken.test;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own prefixes and aliases decide what {@link WithNaisToken} grants, as in production.
 */
@SpringBootTest(properties = { "nais.token.authorities.group-prefix=TEAM_", "nais.token.authorities.role-prefix=APP_",
		"nais.token.groups.operators=0b8d4f21-0000-4000-8000-000000000009" })
@AutoConfigureFakeTexas
class WithNaisTokenPrefixTests {

	@Test
	@WithNaisToken(groups = "operators", roles = "reports")
	void grantsWithTheApplicationsPrefixes() {
		assertThat(SecurityContextHolder.getContext().getAuthentication().getAuthorities())
			.map(GrantedAuthority::getAuthority)
			.containsExactly("PROVIDER_entra_id", "TEAM_0b8d4f21-0000-4000-8000-000000000009", "TEAM_operators", "APP_reports",
					"SCOPE_defaultaccess", "FACTOR_BEARER");
	}

}
