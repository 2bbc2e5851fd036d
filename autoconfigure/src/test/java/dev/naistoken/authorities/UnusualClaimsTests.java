package dev.naistoken.authorities;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims an endpoint may send that no well-behaved token carries (times out of order, claims of
 * another type, claims missing), through the converter as the filter chain calls it: the request
 * still gets a principal, an application reading it gets "absent" rather than an exception, and
 * nothing is granted that the claims do not grant.
 */
class UnusualClaimsTests {

	private static final String ADMINS = "6a1f3c2e-0000-4000-8000-000000000001";

	private final NaisTokenAuthenticationConverter converter = new NaisTokenAuthenticationConverter(
			new NaisTokenAuthorityMapper("GROUP_", "ROLE_", "SCOPE_", Map.of("admins", ADMINS)));

	/**
	 * Spring's access token refuses an {@code iat} at or after {@code exp}; such a token is still the
	 * endpoint's to judge, so the request is authenticated (not a 500), its expiry kept and its
	 * impossible issue time dropped.
	 */
	@Test
	void anIssueTimeAtOrAfterTheExpiryIsDroppedNotAFailure() {
		Instant exp = Instant.ofEpochSecond(4102444800L);
		for (Instant iat : List.of(exp, exp.plusSeconds(1))) {
			Authentication authentication = convert(claims("iat", iat, "exp", exp));
			assertThat(authentication.isAuthenticated()).isTrue();
			OAuth2AccessToken token = (OAuth2AccessToken) authentication.getCredentials();
			assertThat(token.getExpiresAt()).isEqualTo(exp);
			assertThat(token.getIssuedAt()).as("iat " + iat).isNull();
		}
		OAuth2AccessToken ordered = (OAuth2AccessToken) convert(claims("iat", exp.minusSeconds(1), "exp", exp))
			.getCredentials();
		assertThat(ordered.getIssuedAt()).isEqualTo(exp.minusSeconds(1));
	}

	@Test
	void theNameIsSubThenOidThenEmpty() {
		assertThat(principal(claims("sub", "the-sub", "oid", "the-oid")).getName()).isEqualTo("the-sub");
		assertThat(principal(claims("oid", "the-oid")).getName()).isEqualTo("the-oid");
		assertThat(principal(claims("sub", 42, "oid", "the-oid")).getName()).isEqualTo("the-oid");
		assertThat(principal(claims("sub", 42, "oid", 7)).getName()).isEmpty();
		assertThat(principal(claims()).getName()).isEmpty();
	}

	@Test
	void typedHelpersReadTheirClaims() {
		NaisTokenPrincipal principal = principal(claims("scp", "defaultaccess  cases.read", "NAVident", "Z990001",
				"azp_name", "dev-gcp:team:frontend", "azp", "client-id", "groups", List.of(ADMINS), "roles",
				List.of("cases.write"), "idtyp", "app"));
		assertThat(principal.scopes()).containsExactly("defaultaccess", "cases.read");
		assertThat(principal.navIdent()).isEqualTo("Z990001");
		assertThat(principal.consumer()).isEqualTo("dev-gcp:team:frontend");
		assertThat(principal.consumerClientId()).isEqualTo("client-id");
		assertThat(principal.groups()).containsExactly(ADMINS);
		assertThat(principal.groupAliases()).containsExactly("admins");
		assertThat(principal.roles()).containsExactly("cases.write");
		assertThat(principal.isApp()).isTrue();
	}

	@Test
	void typedHelpersOnMissingClaimsAreEmptyOrNull() {
		assertEveryHelperAbsent(principal(claims()));
	}

	@Test
	void typedHelpersOnClaimsOfAnotherTypeAreEmptyOrNull() {
		NaisTokenPrincipal principal = principal(claims("scp", List.of("cases.read"), "NAVident", 990001, "azp_name",
				List.of("frontend"), "azp", 7, "groups", ADMINS, "roles", "cases.write", "idtyp", true));
		assertEveryHelperAbsent(principal);
		assertThat(authorities(convert(claims("groups", List.of(ADMINS, 7), "roles", List.of("r", List.of())))))
			.containsExactlyInAnyOrder("PROVIDER_entra_id", "FACTOR_BEARER");
	}

	/** Group names are no groups: {@code groups()} lists only the object ids, in the token's order. */
	@Test
	void groupsListsOnlyObjectIds() {
		String readers = "6a1f3c2e-0000-4000-8000-000000000002";
		assertThat(principal(claims("groups", List.of("team-name", ADMINS, readers))).groups()).containsExactly(ADMINS,
				readers);
		assertThat(principal(claims("groups", List.of(ADMINS, "team-name", readers))).groups()).containsExactly(ADMINS,
				readers);
		assertThat(principal(claims("groups", List.of("team-name"))).groups()).isEmpty();
	}

	/**
	 * Only the groups-overage marker for {@code groups} withholds the groups: {@code _claim_names} naming
	 * other distributed claims leaves them granted.
	 */
	@Test
	void distributedClaimsOtherThanGroupsWithholdNoGroup() {
		Authentication authentication = convert(claims("groups", List.of(ADMINS), "_claim_names",
				Map.of("roles", "src1")));
		assertThat(authorities(authentication)).contains("GROUP_" + ADMINS, "GROUP_admins");
		assertThat(authorities(convert(claims("groups", List.of(ADMINS), "_claim_names", "groups"))))
			.contains("GROUP_" + ADMINS);
	}

	/**
	 * Only a canonical UUID is a group id: a group name shaped almost like one (a character too many or
	 * too few, a dash out of place, a letter past f, a boundary character of each range) grants nothing.
	 */
	@Test
	void onlyACanonicalUuidIsAGroupId() {
		List<String> ids = List.of(ADMINS, "0123456789abcdefABCDEF0000000000-", "09afAF09-afAF-09af-AF09-afAF09afAF09");
		assertThat(NaisTokenAuthorityMapper.isGroupObjectId(ids.get(0))).isTrue();
		assertThat(NaisTokenAuthorityMapper.isGroupObjectId(ids.get(2))).isTrue();
		for (String notAnId : List.of(ADMINS + "0", ADMINS.substring(1), "6a1f3c2e0-000-4000-8000-000000000001",
				"6a1f3c2e-0000-4000-8000-00000000000g", "6a1f3c2e-0000-4000-8000-00000000000G",
				"6a1f3c2e-0000-4000-8000-00000000000/", "6a1f3c2e-0000-4000-8000-00000000000:",
				"6a1f3c2e-0000-4000-8000-00000000000`", "6a1f3c2e-0000-4000-8000-00000000000@",
				"6a1f3c2e-0000-4000-8000-0000000000-1", "6a1f3c2e-0000-4000-8000x000000000001",
				"6a1f3c2e-0000-4000x8000-000000000001", "6a1f3c2e-0000x4000-8000-000000000001",
				"6a1f3c2ex0000-4000-8000-000000000001", ids.get(1))) {
			assertThat(NaisTokenAuthorityMapper.isGroupObjectId(notAnId)).as(notAnId).isFalse();
			assertThat(authorities(convert(claims("groups", List.of(notAnId))))).as(notAnId)
				.containsExactlyInAnyOrder("PROVIDER_entra_id", "FACTOR_BEARER");
		}
	}

	private static void assertEveryHelperAbsent(NaisTokenPrincipal principal) {
		assertThat(principal.scopes()).isEmpty();
		assertThat(principal.navIdent()).isNull();
		assertThat(principal.consumer()).isNull();
		assertThat(principal.consumerClientId()).isNull();
		assertThat(principal.groups()).isEmpty();
		assertThat(principal.roles()).isEmpty();
		assertThat(principal.isApp()).isFalse();
	}

	/** As the introspector hands them over: whatever the endpoint sent, a {@code sub} of any type too. */
	private Authentication convert(Map<String, Object> claims) {
		return this.converter.convert("token", new OAuth2AuthenticatedPrincipal() {

			@Override
			public Map<String, Object> getAttributes() {
				return claims;
			}

			@Override
			public Collection<? extends GrantedAuthority> getAuthorities() {
				return List.of();
			}

			@Override
			public String getName() {
				return "";
			}

		});
	}

	private NaisTokenPrincipal principal(Map<String, Object> claims) {
		return (NaisTokenPrincipal) convert(claims).getPrincipal();
	}

	private static List<String> authorities(Authentication authentication) {
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}

	/** Claims with a valid exp, and these pairs; no sub unless given. */
	private static Map<String, Object> claims(Object... pairs) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("exp", Instant.ofEpochSecond(4102444800L));
		for (int i = 0; i < pairs.length; i += 2) {
			claims.put((String) pairs[i], pairs[i + 1]);
		}
		return claims;
	}

}
