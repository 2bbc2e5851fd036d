package dev.naistoken.rules;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import dev.naistoken.test.WithNaisToken;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Each ready-made rule lets the right token through and refuses the wrong one: over real HTTP on Tomcat
 * with tokens the fake endpoint checks ({@link RuleHttpTests}), and with {@link WithNaisToken} through
 * MockMvc.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { RuleHttpTests.READERS, RuleHttpTests.ADMINS })
@AutoConfigureMockMvc
class RuleAnnotationsTests extends RuleHttpTests {

	@Autowired
	private MockMvc mvc;

	@Test
	@WithNaisToken(groups = "readers")
	void withNaisTokenReaderPassesRequireGroupOnly() throws Exception {
		this.mvc.perform(get("/group")).andExpect(status().isOk());
		this.mvc.perform(get("/group-id")).andExpect(status().isForbidden());
		this.mvc.perform(get("/role")).andExpect(status().isForbidden());
		this.mvc.perform(get("/consumer")).andExpect(status().isForbidden());
		this.mvc.perform(get("/scope")).andExpect(status().isOk());
		this.mvc.perform(get("/provider")).andExpect(status().isOk());
		this.mvc.perform(get("/provider-tokenx")).andExpect(status().isForbidden());
	}

	@Test
	@WithNaisToken(app = true)
	void withNaisTokenAppPassesRoleAndConsumer() throws Exception {
		this.mvc.perform(get("/role")).andExpect(status().isOk());
		this.mvc.perform(get("/consumer")).andExpect(status().isOk());
		this.mvc.perform(get("/group")).andExpect(status().isForbidden());
		this.mvc.perform(get("/scope")).andExpect(status().isForbidden());
	}

	@Test
	@WithNaisToken(scopes = "other", consumer = "dev-gcp:team-b:batch")
	void withNaisTokenScopeAndConsumer() throws Exception {
		this.mvc.perform(get("/scope")).andExpect(status().isOk());
		this.mvc.perform(get("/consumer")).andExpect(status().isOk());
	}

}
