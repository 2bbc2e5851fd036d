package dev.naistoken.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.WithNaisToken;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every rule of the sample, fast: {@link WithNaisToken} builds the caller through the application's own
 * converter and aliases, MockMvc calls the endpoint. Groups are given by alias here; the end-to-end
 * tests send real group ids through the fake endpoint.
 */
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureFakeTexas
class CaseRulesTests {

	@Autowired
	private MockMvc mvc;

	@Test
	@WithNaisToken(groups = "readers")
	void readersListAndReadCases() throws Exception {
		this.mvc.perform(get("/api/cases")).andExpect(status().isOk()).andExpect(jsonPath("$[0].id").value("CASE-1"));
		this.mvc.perform(get("/api/cases/CASE-1")).andExpect(status().isOk());
		this.mvc.perform(get("/api/cases/CASE-9")).andExpect(status().isNotFound());
	}

	@Test
	@WithNaisToken(groups = "readers")
	void readersMayNotCloseCases() throws Exception {
		this.mvc.perform(post("/api/cases/CASE-1/close")).andExpect(status().isForbidden());
	}

	@Test
	@WithNaisToken(groups = "admins")
	void adminsListReadAndCloseCases() throws Exception {
		this.mvc.perform(get("/api/cases")).andExpect(status().isOk());
		this.mvc.perform(get("/api/cases/CASE-2")).andExpect(status().isOk());
		this.mvc.perform(post("/api/cases/CASE-3/close"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("CLOSED"));
	}

	@Test
	@WithNaisToken
	void aUserInNoGroupMayNotSeeCases() throws Exception {
		this.mvc.perform(get("/api/cases")).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/cases/CASE-1")).andExpect(status().isForbidden());
		this.mvc.perform(post("/api/cases/CASE-1/close")).andExpect(status().isForbidden());
	}

	@Test
	@WithNaisToken(navIdent = "Z990001")
	void anyUserSeesTheirOwnOpenCases() throws Exception {
		this.mvc.perform(get("/api/cases/assigned-to-me"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].id", contains("CASE-1")));
	}

	@Test
	@WithNaisToken(scopes = {})
	void aUserTokenWithoutTheScopeMayNotSeeOwnCases() throws Exception {
		this.mvc.perform(get("/api/cases/assigned-to-me")).andExpect(status().isForbidden());
	}

	@Test
	@WithNaisToken(app = true)
	void applicationsReadStatisticsAndNothingElse() throws Exception {
		this.mvc.perform(get("/api/internal/statistics")).andExpect(status().isOk());
		this.mvc.perform(get("/api/cases")).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/cases/assigned-to-me")).andExpect(status().isForbidden());
	}

	@Test
	@WithNaisToken(groups = "admins")
	void usersMayNotReadStatisticsEvenAdmins() throws Exception {
		this.mvc.perform(get("/api/internal/statistics")).andExpect(status().isForbidden());
	}

	@Test
	@WithNaisToken(groups = { "readers", "admins" }, navIdent = "Z990002")
	void meShowsAUserByAlias() throws Exception {
		this.mvc.perform(get("/api/me"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.kind").value("user"))
			.andExpect(jsonPath("$.navIdent").value("Z990002"))
			.andExpect(jsonPath("$.groups", contains("readers", "admins")))
			.andExpect(jsonPath("$.scopes", contains("defaultaccess")));
	}

	@Test
	@WithNaisToken(app = true)
	void meShowsAnApplication() throws Exception {
		this.mvc.perform(get("/api/me"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.kind").value("app"))
			.andExpect(jsonPath("$.consumer").value("dev-gcp:team-b:batch"))
			.andExpect(jsonPath("$.roles", contains("access_as_application")))
			.andExpect(jsonPath("$.groups", empty()));
	}

	@Test
	void withoutATokenOnlyTheHealthProbeAnswers() throws Exception {
		this.mvc.perform(get("/api/me")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/cases")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/actuator/health")).andExpect(status().isOk());
	}

}
