package dev.naistoken.test;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import dev.naistoken.authorities.NaisTokenAuthentication;
import dev.naistoken.authorities.NaisTokenPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@link WithNaisToken} builds the authentication through the application's own converter: aliases and
 * prefixes from its configuration, the same principal type, no call to the endpoint.
 */
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureFakeTexas
class WithNaisTokenTests {

	private static final String ADMINS_ID = "6a1f3c2e-0000-4000-8000-000000000002";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private FakeTexas texas;

	@Autowired
	private ApplicationContext context;

	@Test
	@WithNaisToken(groups = "admins")
	void aliasIsSentAsTheGroupIdAndMappedBackByTheApplication() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(status().isOk());
		this.mvc.perform(get("/whoami"))
			.andExpect(jsonPath("$.aliases", contains("admins")))
			.andExpect(jsonPath("$.authorities",
					contains("PROVIDER_entra_id", "GROUP_" + ADMINS_ID, "GROUP_admins", "SCOPE_defaultaccess",
							"FACTOR_BEARER")));
		assertThat(this.texas.calls()).isZero();
	}

	@Test
	@WithNaisToken(groups = ADMINS_ID)
	void groupIdGetsTheApplicationsAliasToo() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(status().isOk());
	}

	@Test
	@WithNaisToken(groups = "readers")
	void ruleNotMetIs403() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(status().isForbidden());
	}

	/** A group name sent in {@code groups} as Entra ID can send it: named like the alias, it is no member. */
	@Test
	@WithNaisToken(claims = "groups=[\"admins\"]")
	void aGroupNamedLikeAnAliasDoesNotPassTheAliasRule() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(status().isForbidden());
		this.mvc.perform(get("/whoami"))
			.andExpect(jsonPath("$.aliases", empty()))
			.andExpect(jsonPath("$.authorities", contains("PROVIDER_entra_id", "SCOPE_defaultaccess", "FACTOR_BEARER")));
	}

	@Test
	void withoutTokenIs401() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(status().isUnauthorized());
	}

	@Test
	@WithNaisToken(app = true, roles = "cases.sync")
	void appToAppToken() throws Exception {
		this.mvc.perform(get("/whoami"))
			.andExpect(jsonPath("$.app").value(true))
			.andExpect(jsonPath("$.authorities",
					contains("PROVIDER_entra_id", "ROLE_access_as_application", "ROLE_cases.sync",
							"FACTOR_BEARER")));
		this.mvc.perform(get("/admin")).andExpect(status().isForbidden());
	}

	@Test
	@WithNaisToken(scopes = { "defaultaccess", "cases.read" }, navIdent = "Z123456", consumer = "dev-gcp:team-c:web",
			claims = { "acr=Level4", "amr=[\"pwd\",\"mfa\"]", "auth_time=1730977000", "name=" })
	void claimsAsGivenTypedAsTheStarterTypesThem() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();

		assertThat(authentication).isInstanceOf(NaisTokenAuthentication.class);
		NaisTokenPrincipal principal = (NaisTokenPrincipal) authentication.getPrincipal();
		assertThat(principal.scopes()).containsExactly("defaultaccess", "cases.read");
		assertThat(principal.navIdent()).isEqualTo("Z123456");
		assertThat(principal.consumer()).isEqualTo("dev-gcp:team-c:web");
		assertThat(principal.getClaims()).containsEntry("acr", "Level4")
			.containsEntry("amr", List.of("pwd", "mfa"))
			.containsEntry("auth_time", 1730977000)
			.doesNotContainKey("name");
		assertThat(principal.getExpiresAt()).isAfter(Instant.now());
		assertThat(authentication.getAuthorities()).map(GrantedAuthority::getAuthority)
			.contains("SCOPE_cases.read");
	}

	@Test
	@AsAdmin
	void worksAsAMetaAnnotation() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(status().isOk());
	}

	@Test
	void misspeltAliasIsAnErrorNotAGroupId() throws Exception {
		WithNaisToken misspelt = getClass().getDeclaredMethod("misspelt").getAnnotation(WithNaisToken.class);
		WithNaisTokenSecurityContextFactory factory = this.context.getAutowireCapableBeanFactory()
			.createBean(WithNaisTokenSecurityContextFactory.class);

		assertThatIllegalArgumentException().isThrownBy(() -> factory.createSecurityContext(misspelt))
			.withMessageContaining("\"admin\"")
			.withMessageContaining("neither an alias in nais.token.groups")
			.withMessageContaining("admins");
	}

	@WithNaisToken(groups = "admin")
	void misspelt() {
	}

	@Retention(RetentionPolicy.RUNTIME)
	@WithNaisToken(groups = "admins")
	@interface AsAdmin {

	}

}
