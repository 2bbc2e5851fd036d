package dev.naistoken.reliability;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static dev.naistoken.reliability.BadClientInputTests.assertChallengeWithoutError;
import static dev.naistoken.reliability.BadClientInputTests.assertInvalidRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that opts in to tokens in the query string and in form bodies (RFC 6750 §2.2, §2.3)
 * with one {@link BearerTokenResolver} bean, which Spring Security's resource server picks up in the
 * starter's chain. Its own context: the bean changes the chain.
 */
@Import(TokenTransportOptInTests.OptIn.class)
class TokenTransportOptInTests extends ContainerTestSupport {

	@BeforeEach
	void everyTokenActive() {
		answer(200, ACTIVE_USER);
	}

	@Test
	void tokenInTheQueryString() {
		assertOk(http().get("/api/hello?access_token=" + newToken()), "hello");
		assertThat(introspections()).isEqualTo(1);
	}

	@Test
	void tokenInAFormBody() {
		assertOk(http().postForm("/api/hello", "access_token=" + newToken()), "hello");
		assertThat(introspections()).isEqualTo(1);
	}

	@Test
	void tokenInTheQueryStringOfAPostIsStillIgnored() {
		assertChallengeWithoutError(http().send("POST", "/api/hello?access_token=" + newToken(), null, null));
		assertThat(introspections()).isZero();
	}

	@Test
	void tokenInTheHeaderAndTheQueryString() {
		RawHttp.Reply reply = http().get("/api/hello?access_token=" + newToken(),
				"Authorization: Bearer " + newToken());
		assertInvalidRequest(reply, 400, "Found multiple bearer tokens in the request");
		assertThat(introspections()).isZero();
	}

	@Test
	void emptyTokenInTheQueryString() {
		assertInvalidRequest(http().get("/api/hello?access_token="), 400, "The requested token parameter is an empty string");
		assertThat(introspections()).isZero();
	}

	@Test
	void twoTokensInTheQueryString() {
		assertInvalidRequest(http().get("/api/hello?access_token=" + newToken() + "&access_token=" + newToken()), 400,
				"Found multiple bearer tokens in the request");
		assertThat(introspections()).isZero();
	}

	/** The application's resolver replaces the starter's, so a malformed header gets Spring Security's answer. */
	@Test
	void malformedHeaderGetsSpringSecuritysAnswer() {
		RawHttp.Reply reply = http().get("/api/hello", "Authorization: Bearer a b");
		assertThat(reply.status()).as(reply.raw()).isEqualTo(401);
		assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"")
			.contains("error_description=\"Bearer token is malformed\"");
		assertThat(introspections()).isZero();
	}

	/** That refusal is a filter of the starter's, not part of the resolver, so it stays. */
	@Test
	void twoAuthorizationHeadersAreStillRefused() {
		assertInvalidRequest(http().get("/api/hello", "Authorization: Bearer " + newToken(),
				"Authorization: Bearer " + newToken()), 401, "Found multiple Authorization headers in the request");
		assertThat(introspections()).isZero();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class OptIn {

		@Bean
		BearerTokenResolver bearerTokenResolver() {
			DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
			resolver.setAllowUriQueryParameter(true);
			resolver.setAllowFormEncodedBodyParameter(true);
			return resolver;
		}

	}

}
