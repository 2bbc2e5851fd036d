package dev.naistoken.autoconfigure;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.naistoken.autoconfigure.HttpResponses.get;
import static dev.naistoken.autoconfigure.HttpResponses.getWithToken;
import static dev.naistoken.autoconfigure.HttpResponses.wwwAuthenticate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of the HTTP table in the design, through a real servlet container and the starter's
 * default filter chain: the status and {@code WWW-Authenticate} a client sees.
 */
@SpringBootTest(classes = TestApi.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "nais.token.groups.admins=" + TestApi.ADMINS_GROUP_ID,
				"nais.token.introspection.cache.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class HttpBehaviourTests extends StubbedEndpointTests {


	@LocalServerPort
	private int port;

	@Test
	void noBearerTokenIs401Bearer() {
		HttpResponse<String> response = get(this.port, "/api/hello");
		assertThat(response.statusCode()).isEqualTo(401);
		// Spring Security 7 adds RFC 9728's resource_metadata; there is no error to report.
		assertThat(wwwAuthenticate(response)).matches("Bearer( resource_metadata=\"[^\"]+\")?");
	}

	@Test
	void inactiveTokenIs401InvalidTokenWithAGenericDescription() {
		answer("expired-token", "expired token");
		HttpResponse<String> response = getWithToken(this.port, "/api/hello", "expired-token");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(wwwAuthenticate(response)).startsWith("Bearer error=\"invalid_token\"")
			.contains("error_description=\"The access token is not valid\"")
			.doesNotContain("ExpiredSignature");
	}

	@Test
	void activeTokenWithoutTheRequiredGroupIs403InsufficientScope() {
		answer("app-token", "active app-to-app token (client credentials)");
		HttpResponse<String> response = getWithToken(this.port, "/api/admin", "app-token");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(wwwAuthenticate(response)).startsWith("Bearer error=\"insufficient_scope\"");
	}

	@Test
	void activeTokenWithTheRequiredGroupIs200() {
		answer("user-token", "active user token (on-behalf-of)");
		HttpResponse<String> response = getWithToken(this.port, "/api/admin", "user-token");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("admin");
	}

	/**
	 * A group named like an alias (Entra ID can send group names, and users create groups) must not
	 * pass a rule on the alias; the warning names the claim, not the group. (The warning is written once
	 * per interval per context, so an earlier test in this context may have written it; that it is
	 * written, {@code ClaimWarningLogTests} shows.)
	 */
	@Test
	void aGroupNamePosingAsAnAliasIs403(CapturedOutput output) {
		endpoint.answer("named-group-token", 200, "{\"active\":true,\"exp\":4102444800,\"iat\":1730977293,"
				+ "\"sub\":\"x\",\"groups\":[\"admins\"]}");
		HttpResponse<String> response = getWithToken(this.port, "/api/admin", "named-group-token");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(wwwAuthenticate(response)).startsWith("Bearer error=\"insufficient_scope\"");
		assertThat(output.getOut().lines().filter((line) -> line.contains("Claim 'groups'")))
			.allSatisfy((line) -> assertThat(line).contains("WARN").doesNotContain("admins"));
	}

	@Test
	void activeAppTokenWithTheRequiredRoleIs200() {
		answer("app-token", "active app-to-app token (client credentials)");
		assertThat(getWithToken(this.port, "/api/app", "app-token").statusCode()).isEqualTo(200);
		answer("user-token", "active user token (on-behalf-of)");
		assertThat(getWithToken(this.port, "/api/app", "user-token").statusCode()).isEqualTo(403);
	}

	@Test
	void authoritiesAreGrantedFromGroupsAliasesRolesAndScopes() {
		answer("user-token", "active user token (on-behalf-of)");
		HttpResponse<String> response = getWithToken(this.port, "/api/me", "user-token");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"GROUP_admins\"", "\"GROUP_" + TestApi.ADMINS_GROUP_ID + "\"",
				"\"GROUP_6a1f3c2e-0000-4000-8000-000000000002\"", "\"SCOPE_defaultaccess\"", "\"SCOPE_cases.read\"",
				"\"FACTOR_BEARER\"", "\"aliases\":[\"admins\"]");
	}

	@Test
	void unreachableEndpointIs503WithoutTokenDetail() {
		endpoint.resetConnections();
		HttpResponse<String> response = getWithToken(this.port, "/api/hello", "user-token");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(wwwAuthenticate(response)).isNull();
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":503").doesNotContain("user-token");
	}

	@Test
	void brokenAnswersAre503NeverA401() {
		for (String caseName : new String[] { "server error", "HTML with 200", "active missing", "active as a string",
				"truncated JSON" }) {
			answer("token-" + caseName.hashCode(), caseName);
			HttpResponse<String> response = getWithToken(this.port, "/api/hello", "token-" + caseName.hashCode());
			assertThat(response.statusCode()).as(caseName).isEqualTo(503);
		}
	}

	@Test
	void identityProviderNotEnabledIs500() {
		answer("user-token", "identity provider not enabled");
		HttpResponse<String> response = getWithToken(this.port, "/api/hello", "user-token");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(wwwAuthenticate(response)).isNull();
		assertThat(response.body()).contains("\"status\":500").doesNotContain("user-token");
	}

	@Test
	void signingKeyFailureIs503NeverA401() {
		answer("user-token", "signing keys could not be fetched");
		HttpResponse<String> response = getWithToken(this.port, "/api/hello", "user-token");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(wwwAuthenticate(response)).isNull();
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
	}

	@Test
	void endpointWantingCredentialsIs500() {
		answer("user-token", "endpoint answers 401");
		HttpResponse<String> response = getWithToken(this.port, "/api/hello", "user-token");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(wwwAuthenticate(response)).isNull();
		assertThat(response.headers().firstValue("Retry-After")).isEmpty();
	}

	@Test
	void endpointAnswering400Is500() {
		answer("user-token", "malformed request");
		assertThat(getWithToken(this.port, "/api/hello", "user-token").statusCode()).isEqualTo(500);
	}

	@Test
	void malformedAuthorizationHeaderIs401InvalidRequestAndNeverReachesTheEndpoint() {
		HttpResponse<String> response = get(this.port, "/api/hello", "Authorization", "Bearer not a token");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(wwwAuthenticate(response)).startsWith("Bearer error=\"invalid_request\"");
		assertThat(endpoint.calls()).isZero();
	}

	@Test
	void errorPageAndHealthNeedNoToken() {
		assertThat(get(this.port, "/error").statusCode()).isNotIn(401, 403);
		assertThat(get(this.port, "/actuator/health").statusCode()).isEqualTo(200);
	}

}
