package dev.naistoken.reactive;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenAuthenticationConverter;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.naistoken.reactive.ReactiveKitTestApplication.AdminService;
import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.FakeTexas;
import dev.naistoken.test.WithNaisToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link WithNaisToken} in a WebFlux application: the authentication is built by the application's own
 * reactive converter (aliases, prefixes, principal) and reaches {@link WebTestClient} and reactive
 * {@code @PreAuthorize} methods, with no call to the endpoint.
 */
@SpringBootTest(properties = ReactiveKitTestApplication.REACTIVE)
@AutoConfigureWebTestClient
@AutoConfigureFakeTexas
class WithNaisTokenWebTestClientTests {

	private static final String ADMINS_ID = "6a1f3c2e-0000-4000-8000-000000000002";

	@Autowired
	private WebTestClient http;

	@Autowired
	private FakeTexas texas;

	@Autowired
	private AdminService admin;

	@Test
	@WithNaisToken(groups = "admins")
	void aliasIsSentAsTheGroupIdAndMappedBackByTheApplication() {
		this.http.get().uri("/admin").exchange().expectStatus().isOk();
		this.http.get().uri("/whoami")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.aliases").isEqualTo(List.of("admins"))
			.jsonPath("$.authorities")
			.isEqualTo(List.of("PROVIDER_entra_id", "GROUP_" + ADMINS_ID, "GROUP_admins", "SCOPE_defaultaccess", "FACTOR_BEARER"));
		assertThat(this.texas.calls()).isZero();
	}

	@Test
	@WithNaisToken(groups = "readers")
	void ruleNotMetIs403() {
		this.http.get().uri("/admin").exchange().expectStatus().isForbidden();
	}

	@Test
	@WithNaisToken(app = true)
	void appTokenHasTheApplicationRole() {
		this.http.get().uri("/whoami")
			.exchange()
			.expectBody()
			.jsonPath("$.authorities").isEqualTo(List.of("PROVIDER_entra_id", "ROLE_access_as_application", "FACTOR_BEARER"));
	}

	@Test
	void withoutTheAnnotationTheRequestHasNoToken() {
		this.http.get().uri("/admin").exchange().expectStatus().isUnauthorized();
	}

	@Test
	@WithNaisToken(groups = "admins")
	void reachesAReactiveMethodCalledDirectly() {
		assertThat(this.admin.admin().block()).isEqualTo("admin");
	}

	@Test
	@WithNaisToken(groups = "readers")
	void aReactiveMethodCalledDirectlyChecksTheRule() {
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.admin.admin().block());
	}

	/** An application that replaces the reactive converter gets its own conversion in tests too. */
	@Nested
	@SpringBootTest(properties = ReactiveKitTestApplication.REACTIVE)
	@AutoConfigureWebTestClient
	@AutoConfigureFakeTexas
	class OwnConverter {

		@Autowired
		private WebTestClient http;

		@Test
		@WithNaisToken(groups = "admins")
		void isTheOneUsed() {
			this.http.get().uri("/whoami")
				.exchange()
				.expectBody()
				.jsonPath("$.authorities").isEqualTo(List.of("ROLE_from_own_converter"));
		}

		@TestConfiguration(proxyBeanMethods = false)
		static class Converter {

			@Bean
			ReactiveOpaqueTokenAuthenticationConverter ownConverter() {
				return (token, principal) -> Mono.just(new BearerTokenAuthentication(principal,
						new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, null, null),
						AuthorityUtils.createAuthorityList("ROLE_from_own_converter")));
			}

		}

	}

}
