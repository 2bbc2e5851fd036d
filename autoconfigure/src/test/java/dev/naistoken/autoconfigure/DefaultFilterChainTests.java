package dev.naistoken.autoconfigure;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.web.SecurityFilterChain;

import static dev.naistoken.autoconfigure.HttpResponses.get;
import static dev.naistoken.autoconfigure.HttpResponses.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's default chain holds only the filters a stateless bearer-token API uses (the benchmarks'
 * README shows what each costs), and stays stateless: no session, no cookie, whatever the answer.
 */
@SpringBootTest(classes = TestApi.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "nais.token.groups.admins=" + TestApi.ADMINS_GROUP_ID)
class DefaultFilterChainTests extends StubbedEndpointTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SecurityFilterChain chain;

	@Test
	void holdsNoSessionRequestCacheCsrfLogoutOrAnonymousFilter() {
		assertThat(this.chain.getFilters()).extracting((filter) -> filter.getClass().getSimpleName())
			.doesNotContain("SessionManagementFilter", "DisableEncodeUrlFilter", "RequestCacheAwareFilter",
					"CsrfFilter", "LogoutFilter", "AnonymousAuthenticationFilter")
			.contains("SecurityContextHolderFilter", "HeaderWriterFilter", "IntrospectionFailureFilter",
					"BearerTokenAuthenticationFilter", "ExceptionTranslationFilter", "AuthorizationFilter");
	}

	@Test
	void setsNoCookieOnAnyAnswer() {
		answer("user-token", "active user token (on-behalf-of)");
		answer("expired-token", "expired token");
		for (HttpResponse<String> response : List.of(getWithToken(this.port, "/api/hello", "user-token"),
				getWithToken(this.port, "/api/admin", "user-token"), get(this.port, "/api/hello"),
				getWithToken(this.port, "/api/hello", "expired-token"))) {
			assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		}
	}

	@Test
	void errorPageNeedsNoToken() {
		assertThat(get(this.port, "/error").statusCode()).isNotIn(401, 403);
	}

}
