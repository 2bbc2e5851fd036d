package dev.naistoken.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter's resolver reads the header without Spring Security's regular expression, and must
 * answer exactly as Spring Security does, but for the malformed header it calls a malformed request.
 */
class HeaderOnlyBearerTokenResolverTests {

	private final HeaderOnlyBearerTokenResolver resolver = new HeaderOnlyBearerTokenResolver();

	private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

	@Test
	void answersAsSpringSecurityForEveryHeader() {
		for (String header : headers()) {
			String expected;
			try {
				expected = this.spring.resolve(request(header));
			}
			catch (OAuth2AuthenticationException ex) {
				assertThat(ex.getError().getErrorCode()).isEqualTo(BearerTokenErrorCodes.INVALID_TOKEN);
				assertThatExceptionOfType(OAuth2AuthenticationException.class)
					.as("header [%s]", header)
					.isThrownBy(() -> this.resolver.resolve(request(header)))
					.satisfies((refused) -> assertThat(refused.getError().getErrorCode())
						.isEqualTo(BearerTokenErrorCodes.INVALID_REQUEST));
				continue;
			}
			assertThat(this.resolver.resolve(request(header))).as("header [%s]", header).isEqualTo(expected);
		}
	}

	@Test
	void readsAJwtSizedToken() {
		String token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9." + "a".repeat(1_200) + ".c2ln+/~_-==";
		assertThat(this.resolver.resolve(request("Bearer " + token))).isEqualTo(token);
		assertThat(this.resolver.resolve(request("bEARER " + token))).isEqualTo(token);
	}

	@Test
	void ignoresATokenInTheQueryAsSpringSecurityDoes() {
		MockHttpServletRequest request = request(null);
		request.setParameter("access_token", "abc");
		assertThat(this.resolver.resolve(request)).isNull();
		assertThat(this.spring.resolve(request)).isNull();
	}

	/** Fixed edge cases, then random headers over an alphabet that mixes token and non-token characters. */
	static List<String> headers() {
		List<String> headers = new ArrayList<>(List.of("", "Bearer", "Bearer ", "Bearer  abc", "Bearer abc ", "Bearer abc\n",
				"Bearer\tabc", "bearer abc", "BEARER abc", "BearerX abc", "Bearerabc", "Basic dXNlcjpwYXNz", "Bearer =",
				"Bearer abc=", "Bearer abc==", "Bearer abc=d", "Bearer a.b.c", "Bearer a,b", "Bearer é", "Bearer \u212A",
				"Bearer \u017F", "B\u0131arer abc", "Bearer abc\u0000", " Bearer abc", "DPoP abc"));
		Random random = new Random(42);
		String alphabet = "aZ09-._~+/= \t\né\u212A\u017F%,";
		String[] prefixes = { "Bearer ", "bearer ", "Bearer", "BEARER  ", "Basic " };
		for (int i = 0; i < 5_000; i++) {
			StringBuilder header = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
			int length = random.nextInt(12);
			for (int c = 0; c < length; c++) {
				header.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			headers.add(header.toString());
		}
		return headers;
	}

	private static MockHttpServletRequest request(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/hello");
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		return request;
	}

}
