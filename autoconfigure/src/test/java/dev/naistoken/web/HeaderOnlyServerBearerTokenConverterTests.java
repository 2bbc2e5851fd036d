package dev.naistoken.web;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;

import dev.naistoken.web.reactive.HeaderOnlyServerBearerTokenConverter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The reactive converter reads the header without Spring Security's regular expression, and must
 * answer exactly as Spring Security's converter does, but for a malformed or repeated header, which it
 * calls a malformed request.
 */
class HeaderOnlyServerBearerTokenConverterTests {

	private final HeaderOnlyServerBearerTokenConverter converter = new HeaderOnlyServerBearerTokenConverter();

	private final ServerBearerTokenAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

	@Test
	void answersAsSpringSecurityForEveryHeader() {
		for (String header : HeaderOnlyBearerTokenResolverTests.headers()) {
			Optional<String> expected;
			try {
				expected = token(this.spring.convert(exchange(header)).blockOptional(Duration.ofSeconds(5)));
			}
			catch (OAuth2AuthenticationException ex) {
				assertThat(ex.getError().getErrorCode()).isEqualTo(BearerTokenErrorCodes.INVALID_TOKEN);
				assertThatExceptionOfType(OAuth2AuthenticationException.class).as("header [%s]", header)
					.isThrownBy(() -> this.converter.convert(exchange(header)).block(Duration.ofSeconds(5)))
					.satisfies((refused) -> assertThat(refused.getError().getErrorCode())
						.isEqualTo(BearerTokenErrorCodes.INVALID_REQUEST));
				continue;
			}
			assertThat(token(this.converter.convert(exchange(header)).blockOptional(Duration.ofSeconds(5))))
				.as("header [%s]", header)
				.isEqualTo(expected);
		}
	}

	@Test
	void refusesTwoAuthorizationHeadersAsAMalformedRequest() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/hello").header("Authorization", "Bearer abc", "Bearer def"));
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.converter.convert(exchange).block(Duration.ofSeconds(5)))
			.satisfies((refused) -> assertThat(refused.getError().getErrorCode())
				.isEqualTo(BearerTokenErrorCodes.INVALID_REQUEST));
	}

	@Test
	void readsAJwtSizedTokenAndNoTokenFromTheQuery() {
		String token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9." + "a".repeat(1_200) + ".c2ln+/~_-==";
		assertThat(token(this.converter.convert(exchange("bEARER " + token)).blockOptional())).contains(token);
		MockServerWebExchange query = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/hello").queryParam("access_token", "abc"));
		assertThat(this.converter.convert(query).blockOptional()).isEmpty();
		assertThat(this.spring.convert(query).blockOptional()).isEmpty();
	}

	private static Optional<String> token(Optional<Authentication> authentication) {
		return authentication.map((found) -> ((BearerTokenAuthenticationToken) found).getToken());
	}

	private static MockServerWebExchange exchange(String authorization) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/hello");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return MockServerWebExchange.from(request);
	}

}
