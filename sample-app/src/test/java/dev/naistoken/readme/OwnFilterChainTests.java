package dev.naistoken.readme;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import dev.naistoken.sample.SampleApplication;
import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.WithNaisToken;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The README's own filter chain ({@link ApiSecurity}, the README's code verbatim) in the sample: the
 * probes stay open, a POST with a token is no CSRF failure, its own rule applies, and a request without
 * a token gets 401.
 */
@SpringBootTest(classes = { SampleApplication.class, ApiSecurity.class })
@AutoConfigureMockMvc
@AutoConfigureFakeTexas
class OwnFilterChainTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void probesNeedNoToken() throws Exception {
		this.mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
	}

	@Test
	@WithNaisToken(groups = "admins")
	void aPostWithATokenIsNoCsrfFailure() throws Exception {
		this.mvc.perform(post("/api/cases/CASE-1/close")).andExpect(status().isOk());
	}

	@Test
	@WithNaisToken(groups = "admins")
	void theChainsOwnRuleApplies() throws Exception {
		this.mvc.perform(get("/api/internal/statistics")).andExpect(status().isForbidden());
	}

	@Test
	void noTokenIs401() throws Exception {
		this.mvc.perform(get("/api/me"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")));
	}

}
