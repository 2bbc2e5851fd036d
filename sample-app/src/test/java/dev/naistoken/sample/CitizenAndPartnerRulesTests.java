package dev.naistoken.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import dev.naistoken.authorities.LevelOfAssurance;
import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.WithNaisToken;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The citizen and partner rules of the sample, fast: {@link WithNaisToken} with TokenX, ID-porten and
 * Maskinporten tokens through the application's own converter. The end-to-end tests send the same
 * tokens through the fake endpoint.
 */
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureFakeTexas
class CitizenAndPartnerRulesTests {

	@Autowired
	private MockMvc mvc;

	@Test
	@WithNaisToken(provider = IdentityProvider.TOKENX, pid = "12345678910", level = LevelOfAssurance.HIGH)
	void aCitizenAtLevelHighSeesTheirOwnCasesOnly() throws Exception {
		this.mvc.perform(get("/api/citizen/cases"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].id", contains("CASE-1", "CASE-3")))
			.andExpect(jsonPath("$[0].assignee").doesNotExist());
		this.mvc.perform(get("/api/cases")).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/partner/cases/CASE-1/status")).andExpect(status().isForbidden());
	}

	@Test
	@WithNaisToken(provider = IdentityProvider.TOKENX, pid = "55555555555")
	void aCitizenWithNoCasesSeesNone() throws Exception {
		this.mvc.perform(get("/api/citizen/cases")).andExpect(status().isOk()).andExpect(jsonPath("$", empty()));
	}

	@Test
	@WithNaisToken(provider = IdentityProvider.TOKENX, level = LevelOfAssurance.SUBSTANTIAL)
	void aCitizenAtLevelSubstantialIsRefused() throws Exception {
		this.mvc.perform(get("/api/citizen/cases")).andExpect(status().isForbidden());
	}

	@Test
	@WithNaisToken(provider = IdentityProvider.IDPORTEN, level = LevelOfAssurance.HIGH)
	void aCitizensIdportenTokenIsNotTheFrontendsTokenx() throws Exception {
		this.mvc.perform(get("/api/citizen/cases")).andExpect(status().isForbidden());
	}

	@Test
	@WithNaisToken(groups = "admins")
	void anEmployeeIsNoCitizenHereAndNoPartner() throws Exception {
		this.mvc.perform(get("/api/citizen/cases")).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/partner/cases/CASE-1/status")).andExpect(status().isForbidden());
	}

	@Test
	@WithNaisToken(provider = IdentityProvider.MASKINPORTEN, organisation = "974761076",
			scopes = "nav:sample/cases.read")
	void anOrganisationWithTheScopeReadsTheStatusOfACase() throws Exception {
		this.mvc.perform(get("/api/partner/cases/CASE-2/status"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("OPEN"))
			.andExpect(jsonPath("$.askedBy").value("974761076"))
			.andExpect(jsonPath("$.citizen").doesNotExist());
		this.mvc.perform(get("/api/partner/cases/CASE-9/status")).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/cases")).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/citizen/cases")).andExpect(status().isForbidden());
	}

	@Test
	@WithNaisToken(provider = IdentityProvider.MASKINPORTEN, scopes = "nav:sample/cases.write")
	void anOrganisationWithoutTheScopeIsRefused() throws Exception {
		this.mvc.perform(get("/api/partner/cases/CASE-2/status")).andExpect(status().isForbidden());
	}

	@Test
	@WithNaisToken(scopes = "nav:sample/cases.read")
	void theScopeInAnEntraIdTokenIsNotMaskinportens() throws Exception {
		this.mvc.perform(get("/api/partner/cases/CASE-2/status")).andExpect(status().isForbidden());
	}

}
