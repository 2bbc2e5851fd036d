package dev.naistoken.autoconfigure;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static dev.naistoken.autoconfigure.HttpResponses.get;
import static dev.naistoken.autoconfigure.HttpResponses.getWithToken;
import static dev.naistoken.autoconfigure.HttpResponses.wwwAuthenticate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that writes its own filter chain, as Spring Security's documentation shows, gets the
 * starter's introspector, mapping and honest failure statuses with nothing more to write, on either
 * stack ({@link ReactiveStackTests} runs it on WebFlux).
 */
@SpringBootTest(classes = { TestApi.class, ApplicationChainHttpBehaviourTests.OwnChain.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "nais.token.groups.admins=" + TestApi.ADMINS_GROUP_ID,
				"nais.token.introspection.cache.enabled=false" })
class ApplicationChainHttpBehaviourTests extends StubbedEndpointTests {


	@LocalServerPort
	private int port;

	@Test
	void aliasesApplyInTheApplicationsChain() {
		answer("user-token", "active user token (on-behalf-of)");
		assertThat(getWithToken(this.port, "/api/admin", "user-token").statusCode()).isEqualTo(200);
		answer("app-token", "active app-to-app token (client credentials)");
		HttpResponse<String> denied = getWithToken(this.port, "/api/admin", "app-token");
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(wwwAuthenticate(denied)).startsWith("Bearer error=\"insufficient_scope\"");
	}

	@Test
	void inactiveTokenIs401() {
		answer("expired-token", "expired token");
		HttpResponse<String> response = getWithToken(this.port, "/api/hello", "expired-token");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(wwwAuthenticate(response)).startsWith("Bearer error=\"invalid_token\"");
	}

	@Test
	void unreachableEndpointIs503() {
		endpoint.resetConnections();
		assertThat(getWithToken(this.port, "/api/hello", "user-token").statusCode()).isEqualTo(503);
	}

	@Test
	void misconfigurationIs500() {
		answer("user-token", "identity provider not enabled");
		assertThat(getWithToken(this.port, "/api/hello", "user-token").statusCode()).isEqualTo(500);
	}

	@Test
	void malformedAuthorizationHeaderIs401InvalidRequest() {
		HttpResponse<String> response = get(this.port, "/api/hello", "Authorization", "Bearer not a token");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(wwwAuthenticate(response)).startsWith("Bearer error=\"invalid_request\"");
		assertThat(endpoint.calls()).isZero();
	}

	/** The chain each stack's documentation shows, with nothing of the starter's in it. */
	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
		SecurityFilterChain applicationChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.opaqueToken(Customizer.withDefaults()))
				.build();
		}

		@Bean
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		SecurityWebFilterChain applicationWebChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.opaqueToken(Customizer.withDefaults()))
				.build();
		}

	}

}
