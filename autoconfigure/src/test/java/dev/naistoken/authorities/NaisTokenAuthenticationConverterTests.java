package dev.naistoken.authorities;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a token's claims grant, as a rule written with {@code hasAuthority} sees it.
 */
@ExtendWith(OutputCaptureExtension.class)
class NaisTokenAuthenticationConverterTests {

	private static final String ADMINS = "6a1f3c2e-0000-4000-8000-000000000001";

	/** Every Entra ID token's provider authority. */
	private static final String ENTRA_ID = "PROVIDER_entra_id";

	private static final String READERS = "6a1f3c2e-0000-4000-8000-000000000002";

	private final NaisTokenAuthenticationConverter converter = new NaisTokenAuthenticationConverter(
			new NaisTokenAuthorityMapper("GROUP_", "ROLE_", "SCOPE_", Map.of("admins", ADMINS, "boss", ADMINS)));

	@Test
	void groupsRolesAndScopesBecomePrefixedAuthorities() {
		Authentication authentication = convert(claims("groups", List.of(ADMINS, READERS), "roles",
				List.of("access_as_application", "cases.write"), "scp", "defaultaccess  cases.read"));
		assertThat(authorities(authentication)).containsExactlyInAnyOrder("GROUP_" + ADMINS, "GROUP_admins",
				"GROUP_boss", "GROUP_" + READERS, "ROLE_access_as_application", "ROLE_cases.write",
				"SCOPE_defaultaccess", "SCOPE_cases.read", FactorGrantedAuthority.BEARER_AUTHORITY, ENTRA_ID);
		NaisTokenPrincipal principal = (NaisTokenPrincipal) authentication.getPrincipal();
		assertThat(principal.groupAliases()).containsExactlyInAnyOrder("admins", "boss");
		assertThat(principal.getAuthorities()).hasSize(authentication.getAuthorities().size());
	}

	@Test
	void prefixesAreConfigurable() {
		NaisTokenAuthenticationConverter custom = new NaisTokenAuthenticationConverter(
				new NaisTokenAuthorityMapper("G:", "R:", "S:", Map.of("admins", ADMINS)));
		Authentication authentication = custom.convert("token",
				new DefaultOAuth2AuthenticatedPrincipal(claims("groups", List.of(ADMINS), "roles", List.of("x"), "scp", "y"),
						List.of()));
		assertThat(authorities(authentication)).contains("G:admins", "G:" + ADMINS, "R:x", "S:y");
	}

	@Test
	void tokenWithoutClaimsHoldsOnlyTheBearerFactorAndItsProvider() {
		assertThat(authorities(convert(claims()))).containsExactlyInAnyOrder(
				FactorGrantedAuthority.BEARER_AUTHORITY, ENTRA_ID);
	}

	@Test
	void claimsOfTheWrongShapeGrantNothingAndAreReportedByNameOnly(CapturedOutput output) {
		Authentication authentication = convert(claims("groups", ADMINS, "roles", List.of("ok", 7), "scp",
				List.of("cases.read")));
		assertThat(authorities(authentication)).containsExactlyInAnyOrder(
				FactorGrantedAuthority.BEARER_AUTHORITY, ENTRA_ID);
		assertThat(output).contains("Claim 'groups' is a string, expected an array of strings")
			.contains("Claim 'roles' is an array holding something other than strings")
			.contains("Claim 'scp' is an array, expected a space-separated string")
			.doesNotContain(ADMINS);
	}

	/**
	 * Entra ID can send group names (sAMAccountName, cloud display names) instead of object ids, and
	 * users can create groups: a group named like an alias must not get the alias.
	 */
	@Test
	void aGroupNameGrantsNothingEvenWhenAnAliasHasThatName(CapturedOutput output) {
		Authentication authentication = convert(claims("groups", List.of("admins", "boss", READERS)));
		assertThat(authorities(authentication)).containsExactlyInAnyOrder("GROUP_" + READERS,
				FactorGrantedAuthority.BEARER_AUTHORITY, ENTRA_ID);
		assertThat(((NaisTokenPrincipal) authentication.getPrincipal()).groupAliases()).isEmpty();
		assertThat(((NaisTokenPrincipal) authentication.getPrincipal()).groups()).containsExactly(READERS);
		assertThat(output.getOut().lines().filter((line) -> line.contains("Claim 'groups'"))).singleElement()
			.asString()
			.contains("WARN")
			.contains("no group object id")
			.doesNotContain("admins", "boss");
	}

	@Test
	void groupObjectIdsAreRecognisedInEitherCase() {
		Authentication authentication = convert(claims("groups", List.of(ADMINS.toUpperCase(java.util.Locale.ROOT))));
		assertThat(authorities(authentication)).contains("GROUP_" + ADMINS.toUpperCase(java.util.Locale.ROOT));
	}

	/**
	 * A group object id is a UUID, whose hex digits mean the same in either case: an alias configured
	 * with an id copied in capitals must grant its alias to the lowercase id Entra ID sends.
	 */
	@Test
	void anAliasMatchesItsGroupWhateverTheCaseOfTheConfiguredId() {
		NaisTokenAuthenticationConverter capitals = new NaisTokenAuthenticationConverter(new NaisTokenAuthorityMapper(
				"GROUP_", "ROLE_", "SCOPE_", Map.of("admins", ADMINS.toUpperCase(java.util.Locale.ROOT))));
		Authentication authentication = capitals.convert("token",
				new DefaultOAuth2AuthenticatedPrincipal(claims("groups", List.of(ADMINS)), List.of()));
		assertThat(authorities(authentication)).contains("GROUP_admins", "GROUP_" + ADMINS);
	}

	@Test
	void groupsHoldingNullOrObjectsGrantNoGroup() {
		List<Object> withNull = new java.util.ArrayList<>();
		withNull.add(ADMINS);
		withNull.add(null);
		assertThat(authorities(convert(claims("groups", withNull)))).noneMatch((a) -> a.startsWith("GROUP_"));
		assertThat(authorities(convert(claims("groups", Map.of("id", ADMINS))))).noneMatch((a) -> a.startsWith("GROUP_"));
	}

	@Test
	void groupsOverageGrantsNoGroupAndSaysWhy(CapturedOutput output) {
		Authentication authentication = convert(claims("groups", List.of(ADMINS), "_claim_names",
				Map.of("groups", "src1"), "roles", List.of("r")));
		assertThat(authorities(authentication)).containsExactlyInAnyOrder("ROLE_r",
				FactorGrantedAuthority.BEARER_AUTHORITY, ENTRA_ID);
		assertThat(output).contains("groups-overage");
		assertThat(authorities(convert(claims("hasgroups", true)))).noneMatch((a) -> a.startsWith("GROUP_"));
	}

	@Test
	void accessTokenCarriesTheTokensTimes() {
		Authentication authentication = convert(claims());
		org.springframework.security.oauth2.core.OAuth2AccessToken token = (org.springframework.security.oauth2.core.OAuth2AccessToken) authentication
			.getCredentials();
		assertThat(token.getTokenValue()).isEqualTo("token");
		assertThat(token.getExpiresAt()).isEqualTo(Instant.ofEpochSecond(4102444800L));
		assertThat(token.getIssuedAt()).isEqualTo(Instant.ofEpochSecond(1730977293L));
	}

	@Test
	void toStringNamesNoClaimAndNoAuthority() {
		Authentication authentication = convert(claims("groups", List.of(ADMINS), "NAVident", "Z990001", "name",
				"Kari Nordmann"));
		assertThat(authentication.toString()).doesNotContain(ADMINS, "admins", "Z990001", "Kari", "token");
		assertThat(authentication.getPrincipal().toString()).doesNotContain(ADMINS, "Z990001", "Kari");
	}

	private Authentication convert(Map<String, Object> claims) {
		return this.converter.convert("token", new DefaultOAuth2AuthenticatedPrincipal(claims, java.util.List.of()));
	}

	private static List<String> authorities(Authentication authentication) {
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}

	private static Map<String, Object> claims(Object... pairs) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", "subject");
		claims.put("iat", Instant.ofEpochSecond(1730977293L));
		claims.put("exp", Instant.ofEpochSecond(4102444800L));
		for (int i = 0; i < pairs.length; i += 2) {
			claims.put((String) pairs[i], pairs[i + 1]);
		}
		return claims;
	}

}
