package dev.naistoken.reliability;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.naistoken.Stack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client can put in a request, through a real Tomcat with the starter's default chain. A
 * malformed request never reaches the introspection endpoint, and none gets a 200 or a 500. The
 * endpoint is stubbed to vouch for every token, so a request that reached it would show as a 200.
 * Expected outcomes: {@code docs/failure-matrix.md}.
 */
class BadClientInputTests extends ContainerTestSupport {

	@BeforeEach
	void everyTokenActive() {
		answer(200, ACTIVE_USER);
	}

	@Test
	void noAuthorizationHeader() {
		assertChallengeWithoutError(http().get("/api/hello"));
		assertThat(introspections()).isZero();
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "Bearer", "Bearer ", "Bearer  token", "Bearer a b", "Bearer a,b", "Bearer a;b",
			"Bearer \"ab\"", "Bearer ab\tc", "Bearer\tabc", "Bearer ab\u00e9c", "Bearer a=b" })
	void malformedBearerHeader(String header) {
		RawHttp.Reply reply = http().get("/api/hello", "Authorization: " + header);
		assertInvalidRequest(reply, 401, "The Authorization header does not hold a bearer token");
		assertThat(introspections()).isZero();
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "Bearer ab\u0001c", "Bearer ab\u007fc", "Bearer ab\u0000c", "Bearer ab\rc",
			"Bearer ab\u001bc" })
	void controlCharactersAreRefusedByTomcat(String header) {
		RawHttp.Reply reply = http().get("/api/hello", "Authorization: " + header);
		assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
		assertThat(introspections()).isZero();
	}

	@Test
	void twoAuthorizationHeaders() {
		RawHttp.Reply reply = http().get("/api/hello", "Authorization: Bearer " + newToken(),
				"Authorization: Bearer " + newToken());
		assertInvalidRequest(reply, 401, "Found multiple Authorization headers in the request");
		assertThat(introspections()).isZero();
	}

	@Test
	void basicBesideBearer() {
		RawHttp.Reply reply = http().get("/api/hello", "Authorization: Basic dXNlcjpwYXNz",
				"Authorization: Bearer " + newToken());
		assertInvalidRequest(reply, 401, "Found multiple Authorization headers in the request");
		assertThat(introspections()).isZero();
	}

	@Test
	void basicCredentials() {
		assertChallengeWithoutError(http().get("/api/hello", "Authorization: Basic dXNlcjpwYXNz"));
		assertThat(introspections()).isZero();
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "bearer", "BEARER", "bEaReR" })
	void theSchemeIsCaseInsensitive(String scheme) {
		assertOk(http().get("/api/hello", "Authorization: " + scheme + " " + newToken()), "hello");
		assertThat(introspections()).as("a well-formed request, checked as any other").isEqualTo(1);
	}

	@Test
	void tokenLargerThanTomcatsHeaderLimit() {
		RawHttp.Reply reply = http().bearer("/api/hello", "a".repeat(64 * 1024));
		assertThat(reply.status()).as("refused by the server (server.max-http-request-header-size, 8 KB)")
			.isEqualTo((stack() == Stack.SERVLET) ? 400 : 431);
		assertThat(introspections()).isZero();
	}

	@Test
	void tokenJustUnderTomcatsHeaderLimitIsChecked() {
		String token = newToken();
		token += "a".repeat(7 * 1024 - token.length());
		assertOk(http().bearer("/api/hello", token), "hello");
		assertThat(introspections()).isEqualTo(1);
	}

	@Test
	void tokenInTheQueryStringIsIgnored() {
		assertChallengeWithoutError(http().get("/api/hello?access_token=" + newToken()));
		assertThat(introspections()).isZero();
	}

	@Test
	void tokenInAFormBodyIsIgnored() {
		assertChallengeWithoutError(http().postForm("/api/hello", "access_token=" + newToken()));
		assertThat(introspections()).isZero();
	}

	/** 401 with a challenge that names no error: the request carried no bearer token Spring reads. */
	static void assertChallengeWithoutError(RawHttp.Reply reply) {
		assertThat(reply.status()).as(reply.raw()).isEqualTo(401);
		assertThat(reply.headers("WWW-Authenticate")).singleElement()
			.asString()
			.startsWith("Bearer")
			.doesNotContain("error");
	}

	/**
	 * {@code invalid_request}: 401 is the starter's answer to an {@code Authorization} header that holds
	 * no token; 400 is Spring Security's to several tokens, or an empty one, in parameters.
	 */
	static void assertInvalidRequest(RawHttp.Reply reply, int status, String description) {
		assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
		assertThat(reply.headers("WWW-Authenticate")).singleElement()
			.asString()
			.startsWith("Bearer error=\"invalid_request\"")
			.contains("error_description=\"" + description + "\"");
	}

}
