package dev.naistoken.authorities;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;

import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectedPrincipal;

import static dev.naistoken.authorities.NaisTokenAuthenticationConverterTests.authorities;
import static dev.naistoken.authorities.NaisTokenAuthenticationConverterTests.claims;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a token of each identity provider grants, and what its principal says, as a rule or a controller
 * sees it: the provider that judged the token reaches the converter on the {@link IntrospectedPrincipal}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProviderAuthoritiesTests {

	private static final String PID = "01017012345";

	private static final String ADMINS = "6a1f3c2e-0000-4000-8000-000000000001";

	private final NaisTokenAuthenticationConverter converter = new NaisTokenAuthenticationConverter(
			new NaisTokenAuthorityMapper("GROUP_", "ROLE_", "SCOPE_", "PROVIDER_", "LOA_", Map.of("admins", ADMINS)),
			IdentityProvider.AZUREAD);

	@ParameterizedTest
	@CsvSource({ "AZUREAD, PROVIDER_entra_id", "ENTRA_ID, PROVIDER_entra_id", "TOKENX, PROVIDER_tokenx",
			"IDPORTEN, PROVIDER_idporten", "MASKINPORTEN, PROVIDER_maskinporten" })
	void everyTokenNamesItsProvider(IdentityProvider provider, String authority) {
		Authentication authentication = convert(provider, claims());
		assertThat(authorities(authentication)).containsExactlyInAnyOrder(authority,
				FactorGrantedAuthority.BEARER_AUTHORITY);
		assertThat(principal(authentication).provider()).isEqualTo(provider.canonical());
	}

	@ParameterizedTest
	@CsvSource({ "TOKENX, idporten-loa-high", "TOKENX, Level4", "IDPORTEN, idporten-loa-high", "IDPORTEN, Level4" })
	void levelHighGrantsHighAndSubstantial(IdentityProvider provider, String acr) {
		Authentication authentication = convert(provider, claims("acr", acr, "pid", PID));
		assertThat(authorities(authentication)).contains("LOA_high", "LOA_substantial");
		assertThat(principal(authentication).levelOfAssurance()).isEqualTo(LevelOfAssurance.HIGH);
	}

	@ParameterizedTest
	@CsvSource({ "TOKENX, idporten-loa-substantial", "TOKENX, Level3", "IDPORTEN, idporten-loa-substantial",
			"IDPORTEN, Level3" })
	void levelSubstantialGrantsSubstantialOnly(IdentityProvider provider, String acr) {
		Authentication authentication = convert(provider, claims("acr", acr));
		assertThat(authorities(authentication)).contains("LOA_substantial").doesNotContain("LOA_high");
		assertThat(principal(authentication).levelOfAssurance()).isEqualTo(LevelOfAssurance.SUBSTANTIAL);
	}

	@Test
	void anUnknownLevelGrantsNoneAndIsWarnedOnceByClaimName(CapturedOutput output) {
		for (int i = 0; i < 50; i++) {
			Authentication authentication = convert(IdentityProvider.TOKENX, claims("acr", "idporten-loa-low-" + i));
			assertThat(authorities(authentication)).noneMatch((authority) -> authority.startsWith("LOA_"));
			assertThat(principal(authentication).levelOfAssurance()).isNull();
		}
		assertThat(output.getOut().lines().filter((line) -> line.contains("Claim 'acr'"))).singleElement()
			.asString()
			.contains("WARN")
			.contains("names no level of assurance this starter knows");
		assertThat(output).doesNotContain("idporten-loa-low");
	}

	/** A token without {@code acr} grants no level, and is no claim of the wrong type to warn about. */
	@Test
	void aTokenWithoutAcrGrantsNoLevelAndWarnsNothing(CapturedOutput output) {
		Authentication authentication = convert(IdentityProvider.TOKENX, claims("pid", PID));
		assertThat(authorities(authentication)).noneMatch((authority) -> authority.startsWith("LOA_"));
		assertThat(principal(authentication).levelOfAssurance()).isNull();
		assertThat(output).doesNotContain("Claim 'acr'");
	}

	@Test
	void anAcrThatIsNoStringGrantsNoLevel(CapturedOutput output) {
		Authentication authentication = convert(IdentityProvider.IDPORTEN, claims("acr", List.of("Level4")));
		assertThat(authorities(authentication)).noneMatch((authority) -> authority.startsWith("LOA_"));
		assertThat(output).contains("Claim 'acr' is an array");
	}

	@Test
	void maskinportenScopesBecomeScopeAuthorities() {
		Authentication authentication = convert(IdentityProvider.MASKINPORTEN,
				claims("scope", "nav:helse/sykepenger.read  nav:sample/cases.read", "consumer",
						Map.of("authority", "iso6523-actorid-upis", "ID", "0192:889640782")));
		assertThat(authorities(authentication)).containsExactlyInAnyOrder("SCOPE_nav:helse/sykepenger.read",
				"SCOPE_nav:sample/cases.read", "PROVIDER_maskinporten", FactorGrantedAuthority.BEARER_AUTHORITY);
		NaisTokenPrincipal principal = principal(authentication);
		assertThat(principal.scopes()).containsExactly("nav:helse/sykepenger.read", "nav:sample/cases.read");
		assertThat(principal.organisationNumber()).isEqualTo("889640782");
		assertThat(principal.isApp()).isTrue();
		assertThat(principal.pid()).isNull();
		assertThat(principal.consumer()).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "0192:", "9908:889640782", "0192:88964O782", "0192:889-640782", "889640782" })
	void aConsumerOfAnotherShapeHasNoOrganisationNumber(String id) {
		assertThat(principal(convert(IdentityProvider.MASKINPORTEN, claims("consumer", Map.of("ID", id))))
			.organisationNumber()).isNull();
		assertThat(principal(convert(IdentityProvider.MASKINPORTEN, claims("consumer", id))).organisationNumber())
			.isNull();
	}

	/** A consumer id that is a JSON number, not the string Maskinporten sends, names no organisation. */
	@Test
	void aConsumerIdThatIsNoStringHasNoOrganisationNumber() {
		assertThat(principal(convert(IdentityProvider.MASKINPORTEN, claims("consumer", Map.of("ID", 889640782L))))
			.organisationNumber()).isNull();
	}

	/**
	 * ID-porten and TokenX tokens carry a {@code scope} claim too ({@code openid profile}), but only
	 * Maskinporten's is a list of API scopes: a citizen's token has no scopes, neither as authorities nor
	 * in {@code scopes()}.
	 */
	@ParameterizedTest
	@EnumSource(value = IdentityProvider.class, names = { "TOKENX", "IDPORTEN" })
	void aCitizenTokensScopeClaimIsNoScope(IdentityProvider provider) {
		Authentication authentication = convert(provider, claims("scope", "openid profile nav:sample/cases.read"));
		assertThat(authorities(authentication)).noneMatch((authority) -> authority.startsWith("SCOPE_"));
		assertThat(principal(authentication).scopes()).isEmpty();
	}

	/**
	 * A principal built as its constructor asks, with an immutable {@code Map.of} (as a test or a custom
	 * converter would), has no scopes when the claim is absent, whichever its provider: no failure for a
	 * provider that has no scope claim to read.
	 */
	@ParameterizedTest
	@EnumSource(IdentityProvider.class)
	void scopesOfImmutableClaimsWithoutScopesAreEmpty(IdentityProvider provider) {
		assertThat(new NaisTokenPrincipal(provider, Map.of("sub", "subject"), List.of(), Set.of()).scopes()).isEmpty();
	}

	/**
	 * A claim means something only in the contract of the provider that defines it: Entra ID's groups,
	 * roles and scp in a TokenX token, or acr in an Entra ID token, grant nothing.
	 */
	@ParameterizedTest
	@EnumSource(value = IdentityProvider.class, names = { "TOKENX", "IDPORTEN", "MASKINPORTEN" })
	void entraIdClaimsInAnotherProvidersTokenGrantNothing(IdentityProvider provider) {
		Authentication authentication = convert(provider, claims("groups", List.of(ADMINS), "roles",
				List.of("access_as_application"), "scp", "defaultaccess", "idtyp", "app", "NAVident", "Z990001",
				"azp_name", "dev-gcp:team:app", "azp", "3b1c0f2e-0000-4000-8000-00000000bbbb"));
		assertThat(authorities(authentication)).containsExactlyInAnyOrder(
				"PROVIDER_" + provider.wireValue(), FactorGrantedAuthority.BEARER_AUTHORITY);
		NaisTokenPrincipal principal = principal(authentication);
		assertThat(principal.groups()).isEmpty();
		assertThat(principal.groupAliases()).isEmpty();
		assertThat(principal.roles()).isEmpty();
		assertThat(principal.scopes()).isEmpty();
		assertThat(principal.navIdent()).isNull();
		assertThat(principal.consumerClientId()).isNull();
	}

	@Test
	void citizenClaimsInAnEntraIdTokenGrantNothing() {
		Authentication authentication = convert(IdentityProvider.ENTRA_ID, claims("acr", "idporten-loa-high", "pid",
				PID, "scope", "nav:sample/cases.read", "consumer", Map.of("ID", "0192:889640782")));
		assertThat(authorities(authentication)).containsExactlyInAnyOrder("PROVIDER_entra_id",
				FactorGrantedAuthority.BEARER_AUTHORITY);
		NaisTokenPrincipal principal = principal(authentication);
		assertThat(principal.pid()).isNull();
		assertThat(principal.levelOfAssurance()).isNull();
		assertThat(principal.organisationNumber()).isNull();
	}

	@Test
	void tokenxCitizenHasPidLevelAndCallingApp() {
		NaisTokenPrincipal principal = principal(convert(IdentityProvider.TOKENX,
				claims("pid", PID, "acr", "idporten-loa-high", "client_id", "dev-gcp:team:frontend")));
		assertThat(principal.pid()).isEqualTo(PID);
		assertThat(principal.consumer()).isEqualTo("dev-gcp:team:frontend");
		assertThat(principal.isApp()).isFalse();
	}

	@Test
	void idportenCitizenHasPidButNoConsumer() {
		NaisTokenPrincipal principal = principal(
				convert(IdentityProvider.IDPORTEN, claims("pid", PID, "client_id", "some-client")));
		assertThat(principal.pid()).isEqualTo(PID);
		assertThat(principal.consumer()).isNull();
		assertThat(principal.isApp()).isFalse();
	}

	@Test
	void entraIdHelpersStayAsTheyWere() {
		NaisTokenPrincipal principal = principal(convert(IdentityProvider.AZUREAD,
				claims("groups", List.of(ADMINS), "azp_name", "dev-gcp:team:app", "idtyp", "app")));
		assertThat(principal.provider()).isEqualTo(IdentityProvider.ENTRA_ID);
		assertThat(principal.groupAliases()).containsExactly("admins");
		assertThat(principal.consumer()).isEqualTo("dev-gcp:team:app");
		assertThat(principal.isApp()).isTrue();
	}

	@Test
	void thePidIsInNoStringOfThePrincipalOrTheAuthentication() {
		Authentication authentication = convert(IdentityProvider.TOKENX,
				claims("pid", PID, "acr", "Level4", "client_id", "dev-gcp:team:frontend"));
		assertThat(authentication.toString()).doesNotContain(PID, "frontend", "Level4");
		assertThat(authentication.getPrincipal().toString()).doesNotContain(PID).contains("tokenx");
		assertThat(new IntrospectedPrincipal(claims("pid", PID), IdentityProvider.TOKENX).toString())
			.doesNotContain(PID);
	}

	@Test
	void aPrincipalThatDoesNotNameItsProviderIsReadAsTheConfiguredOne() {
		NaisTokenAuthenticationConverter tokenx = new NaisTokenAuthenticationConverter(
				new NaisTokenAuthorityMapper("GROUP_", "ROLE_", "SCOPE_", Map.of()), IdentityProvider.TOKENX);
		Authentication authentication = tokenx.convert("token",
				new DefaultOAuth2AuthenticatedPrincipal(claims("acr", "Level4"), List.of()));
		assertThat(authorities(authentication)).contains("PROVIDER_tokenx", "LOA_high");
	}

	@Test
	void providerAndLevelPrefixesAreConfigurable() {
		NaisTokenAuthenticationConverter custom = new NaisTokenAuthenticationConverter(
				new NaisTokenAuthorityMapper("G:", "R:", "S:", "IDP:", "LEVEL:", Map.of()));
		Authentication authentication = custom.convert("token",
				new IntrospectedPrincipal(claims("acr", "idporten-loa-high"), IdentityProvider.IDPORTEN));
		assertThat(authorities(authentication)).contains("IDP:idporten", "LEVEL:high", "LEVEL:substantial");
	}

	/**
	 * Two requests with one token get equal principals, as Spring Security compares authentications by
	 * them; a principal of another provider, other claims or other authorities is another principal.
	 */
	@Test
	void principalsAreEqualForTheSameProviderClaimsAndAuthoritiesOnly() {
		List<GrantedAuthority> granted = List.of(new SimpleGrantedAuthority("PROVIDER_tokenx"));
		NaisTokenPrincipal principal = new NaisTokenPrincipal(IdentityProvider.TOKENX, claims("pid", PID), granted, Set.of());
		NaisTokenPrincipal same = new NaisTokenPrincipal(IdentityProvider.TOKENX, claims("pid", PID), granted, Set.of());
		assertThat(principal).isEqualTo(same).hasSameHashCodeAs(same);
		assertThat(principal).isNotEqualTo(new NaisTokenPrincipal(IdentityProvider.IDPORTEN, claims("pid", PID), granted,
				Set.of()));
		assertThat(principal).isNotEqualTo(new NaisTokenPrincipal(IdentityProvider.TOKENX, claims("pid", "01017054321"),
				granted, Set.of()));
		assertThat(principal).isNotEqualTo(new NaisTokenPrincipal(IdentityProvider.TOKENX, claims("pid", PID), List.of(),
				Set.of()));
		assertThat(principal).isNotEqualTo(new DefaultOAuth2AuthenticatedPrincipal(claims("pid", PID), granted));
	}

	@Test
	void highIncludesSubstantialAndNotTheOtherWayRound() {
		assertThat(LevelOfAssurance.HIGH.includes(LevelOfAssurance.SUBSTANTIAL)).isTrue();
		assertThat(LevelOfAssurance.HIGH.includes(LevelOfAssurance.HIGH)).isTrue();
		assertThat(LevelOfAssurance.SUBSTANTIAL.includes(LevelOfAssurance.HIGH)).isFalse();
		assertThat(LevelOfAssurance.fromAcr("idporten-loa-HIGH")).isNull();
		assertThat(LevelOfAssurance.fromAcr(4)).isNull();
	}

	private Authentication convert(IdentityProvider provider, Map<String, Object> claims) {
		return this.converter.convert("token", new IntrospectedPrincipal(claims, provider));
	}

	private static NaisTokenPrincipal principal(Authentication authentication) {
		return (NaisTokenPrincipal) authentication.getPrincipal();
	}

}
