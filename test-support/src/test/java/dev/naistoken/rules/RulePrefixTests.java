package dev.naistoken.rules;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.WithNaisToken;

import static dev.naistoken.rules.RulesTestApplication.ADMINS_ID;
import static dev.naistoken.rules.RulesTestApplication.READERS_ID;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The ready-made rules follow the application's authority prefixes, where a fixed
 * {@code hasAuthority('GROUP_...')} would refuse everyone; the raw rule written with the default prefix
 * does refuse.
 */
@SpringBootTest(properties = { "nais.token.groups.readers=" + READERS_ID, "nais.token.groups.admins=" + ADMINS_ID,
		"nais.token.authorities.group-prefix=TEAM_", "nais.token.authorities.role-prefix=APP_",
		"nais.token.authorities.scope-prefix=SCP_", "nais.token.authorities.provider-prefix=IDP_",
		"nais.token.rules.check=off" })
@AutoConfigureFakeTexas
@AutoConfigureMockMvc
class RulePrefixTests {

	@Autowired
	private MockMvc mvc;

	@Test
	@WithNaisToken(groups = "admins")
	void annotationsUseTheConfiguredPrefixes() throws Exception {
		this.mvc.perform(get("/group")).andExpect(status().isOk());
		this.mvc.perform(get("/scope")).andExpect(status().isOk());
		this.mvc.perform(get("/provider")).andExpect(status().isOk());
		this.mvc.perform(get("/raw")).andExpect(status().isForbidden());
	}

	@Test
	@WithNaisToken(app = true)
	void roleUsesTheConfiguredPrefix() throws Exception {
		this.mvc.perform(get("/role")).andExpect(status().isOk());
	}

}
