package dev.naistoken.sample.reactive;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.WithNaisToken;

/**
 * Every rule of the reactive sample, fast: {@link WithNaisToken} builds the caller through the
 * application's own reactive converter and aliases, and a {@link WebTestClient} bound to the application
 * (no server, no endpoint call) calls the handlers. The end-to-end tests send real tokens through Netty
 * and the fake endpoint.
 */
@SpringBootTest
@AutoConfigureWebTestClient
@AutoConfigureFakeTexas
class ReactiveCaseRulesTests {

	@Autowired
	private WebTestClient http;

	@Test
	@WithNaisToken(groups = "readers")
	void readersListAndReadCasesButMayNotCloseThem() {
		this.http.get().uri("/api/cases").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$[0].id").isEqualTo("CASE-1");
		this.http.get().uri("/api/cases/CASE-9").exchange().expectStatus().isNotFound();
		this.http.post().uri("/api/cases/CASE-1/close").exchange().expectStatus().isForbidden();
	}

	@Test
	@WithNaisToken(groups = "admins")
	void adminsCloseCases() {
		this.http.post().uri("/api/cases/CASE-3/close").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("CLOSED");
	}

	@Test
	@WithNaisToken(navIdent = "Z990001")
	void aUserInNoGroupSeesOnlyTheirOwnOpenCases() {
		this.http.get().uri("/api/cases").exchange().expectStatus().isForbidden();
		this.http.get().uri("/api/cases/assigned-to-me").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$[*].id").isEqualTo("CASE-1");
	}

	@Test
	@WithNaisToken(scopes = {})
	void aUserTokenWithoutTheScopeMayNotSeeOwnCases() {
		this.http.get().uri("/api/cases/assigned-to-me").exchange().expectStatus().isForbidden();
	}

	@Test
	@WithNaisToken(app = true)
	void applicationsReadStatisticsAndNothingElse() {
		this.http.get().uri("/api/internal/statistics").exchange().expectStatus().isOk();
		this.http.get().uri("/api/cases").exchange().expectStatus().isForbidden();
		this.http.get().uri("/api/me").exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.kind").isEqualTo("app")
			.jsonPath("$.roles").isEqualTo(List.of("access_as_application"));
	}

	@Test
	@WithNaisToken(groups = { "readers", "admins" }, navIdent = "Z990002")
	void meShowsAUserByAlias() {
		this.http.get().uri("/api/me").exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.navIdent").isEqualTo("Z990002")
			.jsonPath("$.groups").isEqualTo(List.of("readers", "admins"));
	}

	@Test
	void withoutATokenOnlyTheHealthProbeAnswers() {
		this.http.get().uri("/api/me").exchange().expectStatus().isUnauthorized();
		this.http.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

}
