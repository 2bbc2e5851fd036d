package dev.naistoken.sample.reactive;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.FakeTexas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive sample end to end: a real Netty server on a free port, real HTTP from a client bound to
 * that server (nothing mocked in between; the way docs/testing.md shows), every token checked by the fake introspection endpoint over
 * loopback, group ids mapped to aliases by the application's yaml. Each test issues its own tokens, so
 * the starter's cache of active tokens never carries one test into the next.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "nais.token.introspection.read-timeout=500ms")
@AutoConfigureWebTestClient
@AutoConfigureFakeTexas
class ReactiveSampleEndToEndTests {

	static final String READERS = "2b7e9c41-0000-4000-8000-000000000001";

	static final String ADMINS = "2b7e9c41-0000-4000-8000-000000000002";

	@Autowired
	private FakeTexas texas;

	@Autowired
	private ReactiveWebServerApplicationContext context;

	/** Bound to the running server by {@code @AutoConfigureWebTestClient}, as docs/testing.md shows. */
	@Autowired
	private WebTestClient http;

	@Test
	void theApplicationRunsOnNettyAndTheClientCallsIt() {
		assertThat(this.context.getWebServer()).isInstanceOf(NettyWebServer.class);
		this.http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
			.consumeWith((result) -> assertThat(result.getUrl().getPort()).isEqualTo(this.context.getWebServer().getPort()));
	}

	@Test
	void readersReadCasesButMayNotCloseThem() {
		String reader = this.texas.token().groups(READERS).issue();

		as(reader).get().uri("/api/cases").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$[0].id").isEqualTo("CASE-1");
		as(reader).get().uri("/api/cases/CASE-1").exchange().expectStatus().isOk();
		as(reader).get().uri("/api/cases/CASE-9").exchange().expectStatus().isNotFound();
		as(reader).post().uri("/api/cases/CASE-1/close").exchange()
			.expectStatus().isForbidden()
			.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, bearer("error=\"insufficient_scope\""));
	}

	@Test
	void adminsCloseCases() {
		as(this.texas.token().groups(ADMINS).issue()).post().uri("/api/cases/CASE-2/close").exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("CLOSED");
	}

	@Test
	void aUserInNoGroupGets403OnCasesAndTheirOwnCasesWithTheScope() {
		String user = this.texas.token().issue();

		as(user).get().uri("/api/cases").exchange().expectStatus().isForbidden();
		as(user).get().uri("/api/cases/assigned-to-me").exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$[*].id").isEqualTo("CASE-1");
	}

	@Test
	void applicationsReadStatisticsOnly() {
		String app = this.texas.token().app().issue();

		as(app).get().uri("/api/internal/statistics").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.closed").isEqualTo(1);
		as(app).get().uri("/api/cases").exchange().expectStatus().isForbidden();
		as(app).get().uri("/api/cases/assigned-to-me").exchange().expectStatus().isForbidden();
		as(this.texas.token().groups(ADMINS).issue()).get().uri("/api/internal/statistics").exchange()
			.expectStatus().isForbidden();
	}

	@Test
	void meShowsTheAliasesOfTheTokensGroupIds() {
		as(this.texas.token().groups(READERS, ADMINS).issue()).get().uri("/api/me").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.kind").isEqualTo("user")
			.jsonPath("$.groups").isEqualTo(List.of("readers", "admins"));
	}

	@Test
	void tokensTheEndpointRefusesGet401() {
		try (FakeTexas elsewhere = FakeTexas.start()) {
			for (String token : new String[] { this.texas.token().groups(ADMINS).expired().issue(),
					elsewhere.token().groups(ADMINS).issue(), "not-a-jwt" }) {
				as(token).get().uri("/api/me").exchange()
					.expectStatus().isUnauthorized()
					.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, bearer("error=\"invalid_token\""));
			}
		}
	}

	@Test
	void noTokenGets401AndTheHealthProbesStayPublic() {
		this.http.get().uri("/api/me").exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
					(value) -> assertThat(value).startsWith("Bearer").doesNotContain("error="));
		for (String probe : new String[] { "/actuator/health", "/actuator/health/liveness",
				"/actuator/health/readiness" }) {
			this.http.get().uri(probe).exchange().expectStatus().isOk();
		}
	}

	@Test
	void endpointDownGets503WithRetryAfterNeverA401() {
		this.texas.down();

		as(this.texas.token().groups(READERS).issue()).get().uri("/api/cases").exchange()
			.expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader().exists(HttpHeaders.RETRY_AFTER);
		this.http.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	@Test
	void endpointBrokenOrTooSlowGets503() {
		this.texas.failWith(500);
		as(this.texas.token().issue()).get().uri("/api/me").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

		this.texas.answerGarbage();
		as(this.texas.token().issue()).get().uri("/api/me").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

		this.texas.hang();
		as(this.texas.token().issue()).get().uri("/api/me").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void identityProviderNotEnabledGets500() {
		this.texas.identityProviderNotEnabled();

		as(this.texas.token().issue()).get().uri("/api/me").exchange().expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
	}

	@Test
	void oneEndpointCallPerTokenWhateverTheNumberOfRequests() {
		String reader = this.texas.token().groups(READERS).issue();
		long before = this.texas.calls();

		for (int i = 0; i < 5; i++) {
			as(reader).get().uri("/api/cases/CASE-1").exchange().expectStatus().isOk();
		}

		assertThat(this.texas.calls() - before).isEqualTo(1);
	}

	private WebTestClient as(String token) {
		return this.http.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
	}

	private static Consumer<String> bearer(String error) {
		return (value) -> assertThat(value).startsWith("Bearer").contains(error);
	}

}
