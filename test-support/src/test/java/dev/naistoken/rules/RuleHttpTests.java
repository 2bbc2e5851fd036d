package dev.naistoken.rules;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.FakeTexas;

import static dev.naistoken.rules.RulesTestApplication.ADMINS_ID;
import static dev.naistoken.rules.RulesTestApplication.READERS_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each ready-made rule lets the right token through and refuses the wrong one, over real HTTP with
 * tokens the fake endpoint checks. Run against the servlet rules application on Tomcat
 * ({@link RuleAnnotationsTests}) and its reactive twin on Netty ({@link ReactiveRuleAnnotationsTests}),
 * which serve the same paths with the same rules.
 */
@AutoConfigureFakeTexas
abstract class RuleHttpTests {

	/** The aliases both applications are started with. */
	static final String READERS = "nais.token.groups.readers=" + READERS_ID;

	static final String ADMINS = "nais.token.groups.admins=" + ADMINS_ID;

	private static final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private FakeTexas texas;

	@LocalServerPort
	private int port;

	@Test
	void requireGroupPassesAnyOfItsGroupsByAliasOrId() throws Exception {
		assertThat(statusOf("/group", this.texas.token().groups(READERS_ID).issue())).isEqualTo(200);
		assertThat(statusOf("/group", this.texas.token().groups(ADMINS_ID).issue())).isEqualTo(200);
		assertThat(statusOf("/group", this.texas.token().issue())).isEqualTo(403);
		assertThat(statusOf("/group-id", this.texas.token().groups(ADMINS_ID).issue())).isEqualTo(200);
		assertThat(statusOf("/group-id", this.texas.token().groups(READERS_ID).issue())).isEqualTo(403);
	}

	@Test
	void requireRolePassesTheRole() throws Exception {
		assertThat(statusOf("/role", this.texas.token().app().issue())).isEqualTo(200);
		assertThat(statusOf("/role", this.texas.token().groups(ADMINS_ID).issue())).isEqualTo(403);
	}

	@Test
	void requireScopePassesAnyOfItsScopes() throws Exception {
		assertThat(statusOf("/scope", this.texas.token().issue())).isEqualTo(200);
		assertThat(statusOf("/scope", this.texas.token().scopes("other").issue())).isEqualTo(200);
		assertThat(statusOf("/scope", this.texas.token().scopes("unrelated").issue())).isEqualTo(403);
		assertThat(statusOf("/scope", this.texas.token().app().issue())).isEqualTo(403);
	}

	@Test
	void requireConsumerPassesTheCallingApplication() throws Exception {
		assertThat(statusOf("/consumer", this.texas.token().app().issue())).isEqualTo(200);
		assertThat(statusOf("/consumer", this.texas.token().issue())).isEqualTo(403);
		assertThat(statusOf("/consumer", this.texas.token().consumer("dev-gcp:team-b:batch2").issue())).isEqualTo(403);
	}

	@Test
	void requireProviderPassesTokensOfItsProviders() throws Exception {
		assertThat(statusOf("/provider", this.texas.token().issue())).isEqualTo(200);
		assertThat(statusOf("/provider-tokenx", this.texas.token().issue())).isEqualTo(403);
	}

	@Test
	void preAuthorizeOfTheApplicationsOwn() throws Exception {
		assertThat(statusOf("/raw", this.texas.token().groups(ADMINS_ID).issue())).isEqualTo(200);
		assertThat(statusOf("/raw", this.texas.token().groups(READERS_ID).issue())).isEqualTo(403);
	}

	@Test
	void aMethodsOwnRuleReplacesItsClassRule() throws Exception {
		String reader = this.texas.token().groups(READERS_ID).issue();
		assertThat(statusOf("/admin/class-rule", reader)).isEqualTo(403);
		assertThat(statusOf("/admin/class-rule", this.texas.token().groups(ADMINS_ID).issue())).isEqualTo(200);
		// Spring Security takes the method's rule instead of the class's: the class's group is not asked.
		assertThat(statusOf("/admin/own-rule", reader)).isEqualTo(200);
	}

	@Test
	void aRuleRefusesWithTheBearerChallenge() throws Exception {
		HttpResponse<String> refused = call("/group", this.texas.token().issue());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("Bearer").contains("error=\"insufficient_scope\""));
		assertThat(call("/group", null).statusCode()).isEqualTo(401);
	}

	private int statusOf(String path, String token) {
		return call(path, token).statusCode();
	}

	HttpResponse<String> call(String path, @Nullable String token) {
		return call(this.port, path, token);
	}

	/** A GET on the loopback server, with the token as a bearer token when there is one. */
	static HttpResponse<String> call(int port, String path, @Nullable String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
