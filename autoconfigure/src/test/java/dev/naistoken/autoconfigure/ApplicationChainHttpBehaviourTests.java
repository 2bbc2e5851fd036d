package dev.naistoken.autoconfigure;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static dev.naistoken.autoconfigure.HttpResponses.getWithToken;
import static dev.naistoken.autoconfigure.HttpResponses.wwwAuthenticate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that writes its own filter chain, as Spring Security's documentation shows, gets the
 * starter's introspector, mapping and honest failure statuses with nothing more to write.
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

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityFilterChain applicationChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.opaqueToken(Customizer.withDefaults()))
				.build();
		}

	}

}
