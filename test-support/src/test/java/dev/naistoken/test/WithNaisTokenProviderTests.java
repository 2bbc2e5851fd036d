package dev.naistoken.test;

import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import dev.naistoken.authorities.LevelOfAssurance;
import dev.naistoken.authorities.NaisTokenPrincipal;
import dev.naistoken.introspection.IdentityProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@link WithNaisToken} for the providers beside Entra ID: each token has its provider's claims (the
 * shape the contract data records), and the application's converter grants its provider's authorities.
 */
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureFakeTexas
class WithNaisTokenProviderTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private FakeTexas texas;

	@Autowired
	private ApplicationContext context;

	@Test
	@WithNaisToken(provider = IdentityProvider.TOKENX, pid = "01017012345", level = LevelOfAssurance.HIGH)
	void aTokenxCitizenAtLevelHigh() throws Exception {
		NaisTokenPrincipal citizen = principal();
		this.mvc.perform(get("/whoami"))
			.andExpect(jsonPath("$.authorities",
					containsInAnyOrder("PROVIDER_tokenx", "LOA_high", "LOA_substantial", "FACTOR_BEARER")));
		this.mvc.perform(get("/admin")).andExpect(status().isForbidden());
		assertThat(citizen.provider()).isEqualTo(IdentityProvider.TOKENX);
		assertThat(citizen.pid()).isEqualTo("01017012345");
		assertThat(citizen.levelOfAssurance()).isEqualTo(LevelOfAssurance.HIGH);
		assertThat(citizen.consumer()).isEqualTo(TokenBuilder.DEFAULT_USER_CONSUMER);
		assertThat(citizen.toString()).doesNotContain("01017012345");
		assertThat(citizen.getAttributes()).containsKeys(contractClaims("tokenx"));
		assertThat(this.texas.calls()).isZero();
	}

	@Test
	@WithNaisToken(provider = IdentityProvider.IDPORTEN, level = LevelOfAssurance.SUBSTANTIAL)
	void anIdportenCitizenAtLevelSubstantial() throws Exception {
		NaisTokenPrincipal citizen = principal();
		this.mvc.perform(get("/whoami"))
			.andExpect(jsonPath("$.authorities", containsInAnyOrder("PROVIDER_idporten", "LOA_substantial", "FACTOR_BEARER")));
		assertThat(citizen.pid()).isEqualTo(TokenBuilder.DEFAULT_PID);
		assertThat(citizen.levelOfAssurance()).isEqualTo(LevelOfAssurance.SUBSTANTIAL);
		assertThat(citizen.getAttributes()).containsKeys(contractClaims("idporten"));
	}

	@Test
	@WithNaisToken(provider = IdentityProvider.MASKINPORTEN, organisation = "974761076",
			scopes = { "nav:sample/cases.read", "nav:sample/cases.write" })
	void aMaskinportenOrganisationWithScopes() throws Exception {
		NaisTokenPrincipal organisation = principal();
		this.mvc.perform(get("/whoami"))
			.andExpect(jsonPath("$.authorities", contains("PROVIDER_maskinporten", "SCOPE_nav:sample/cases.read",
					"SCOPE_nav:sample/cases.write", "FACTOR_BEARER")))
			.andExpect(jsonPath("$.app").value(true));
		assertThat(organisation.organisationNumber()).isEqualTo("974761076");
		assertThat(organisation.provider()).isEqualTo(IdentityProvider.MASKINPORTEN);
		assertThat(organisation.getAttributes()).containsKeys(contractClaims("maskinporten"))
			.doesNotContainKeys("nbf", "aud", "pid");
	}

	@Test
	@WithNaisToken(provider = IdentityProvider.TOKENX, claims = "acr=Level4")
	void theLegacyAcrSpellingThroughClaims() throws Exception {
		this.mvc.perform(get("/whoami"))
			.andExpect(jsonPath("$.authorities",
					containsInAnyOrder("PROVIDER_tokenx", "LOA_high", "LOA_substantial", "FACTOR_BEARER")));
	}

	@Test
	void entraIdAttributesOnAnotherProvidersTokenAreAnError() throws Exception {
		WithNaisTokenSecurityContextFactory factory = this.context.getAutowireCapableBeanFactory()
			.createBean(WithNaisTokenSecurityContextFactory.class);

		for (String method : List.of("citizenInAGroup", "organisationWithAConsumer")) {
			WithNaisToken annotation = getClass().getDeclaredMethod(method).getAnnotation(WithNaisToken.class);
			assertThatIllegalArgumentException().isThrownBy(() -> factory.createSecurityContext(annotation))
				.withMessageContaining("@WithNaisToken(provider = ");
		}
	}

	@WithNaisToken(provider = IdentityProvider.TOKENX, groups = "admins")
	void citizenInAGroup() {
	}

	@WithNaisToken(provider = IdentityProvider.MASKINPORTEN, consumer = "dev-gcp:team-a:frontend")
	void organisationWithAConsumer() {
	}

	/** The claim names of the contract's typical active answer for a provider's token. */
	private static String[] contractClaims(String provider) throws Exception {
		JsonNode contract;
		try (InputStream in = WithNaisTokenProviderTests.class.getResourceAsStream("/contract/texas-contract.json")) {
			contract = JsonMapper.builder().build().readTree(in);
		}
		String activeCase = contract.get("providers").get(provider).get("active").asString();
		JsonNode body = contract.get("responses")
			.valueStream()
			.filter((response) -> response.get("name").asString().equals(activeCase))
			.findFirst()
			.orElseThrow()
			.get("body");
		return body.propertyNames().stream().filter((name) -> !name.equals("active")).toArray(String[]::new);
	}

	private static NaisTokenPrincipal principal() {
		return (NaisTokenPrincipal) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
	}

}
