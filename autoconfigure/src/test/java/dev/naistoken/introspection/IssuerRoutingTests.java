package dev.naistoken.introspection;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which provider a token goes to, read from its unverified {@code iss}: exact matches only, and a refusal
 * for anything the scan does not understand.
 */
class IssuerRoutingTests {

	static final String ENTRA = "https://login.microsoftonline.com/966ac572-f5b7-4bbe-aa88-c76419c0f851/v2.0";

	static final String TOKENX = "https://tokenx.dev-gcp.nav.cloud.nais.io";

	static final String IDPORTEN = "https://test.idporten.no";

	static final String MASKINPORTEN = "https://test.maskinporten.no/";

	private static final String NOT_JSON = "its JWT payload is not a JSON object";

	private static final String NO_ISSUER = "its JWT payload has no issuer (iss) string";

	private static final String UNKNOWN_ISSUER = "its issuer (iss) is none of the accepted providers' "
			+ "(azuread, tokenx, idporten, maskinporten)";

	private static final String NOT_BASE64URL = "its JWT payload is not base64url";

	/** Every kind of member, with whitespace around each of its parts, ahead of the issuer. */
	private static final String MEMBERS_BEFORE_THE_ISSUER = " , \"n\" : -1.5e3 , \"o\" : { \"a\" : [ 1 , \"s\" ] } ,"
			+ " \"t\":true, \"iss\" : \"" + TOKENX + "\"";

	private final IssuerRouting routing = new IssuerRouting(issuers(), IdentityProvider.AZUREAD);

	@Test
	void eachIssuerGoesToItsProvider() {
		assertThat(route("{\"iss\":\"" + ENTRA + "\",\"sub\":\"x\"}")).isEqualTo(IdentityProvider.AZUREAD);
		assertThat(route("{\"sub\":\"x\",\"iss\":\"" + TOKENX + "\"}")).isEqualTo(IdentityProvider.TOKENX);
		assertThat(route("{\"pid\":\"1\",\"acr\":\"Level4\",\"iss\":\"" + IDPORTEN + "\"}"))
			.isEqualTo(IdentityProvider.IDPORTEN);
		assertThat(route("{\"consumer\":{\"authority\":\"iso6523-actorid-upis\",\"ID\":\"0192:1\"},\"iss\":\""
				+ MASKINPORTEN + "\",\"scope\":\"a b\"}")).isEqualTo(IdentityProvider.MASKINPORTEN);
	}

	@Test
	void whitespaceNestingAndEveryKindOfValueAreSkipped() {
		String payload = " {\n \"a\" : [1, {\"iss\":\"" + TOKENX + "\"}, \"]}\\\"\"] ,\"b\":{\"c\":{}},\"n\":-1.5e3,"
				+ "\"t\":true,\"f\":false,\"z\":null,\"e\":\"\",\r\n\t\"iss\" : \"" + IDPORTEN + "\" } ";
		assertThat(route(payload)).isEqualTo(IdentityProvider.IDPORTEN);
	}

	/** Some JWT libraries escape the slashes of a URL; a key may be escaped too. */
	@Test
	void escapedIssuersAndKeysAreReadAsJsonReadsThem() {
		assertThat(route("{\"iss\":\"https:\\/\\/tokenx.dev-gcp.nav.cloud.nais.io\"}")).isEqualTo(IdentityProvider.TOKENX);
		assertThat(route("{\"\\u0069ss\":\"" + TOKENX + "\"}")).isEqualTo(IdentityProvider.TOKENX);
		assertThat(route("{\"iss\":\"https:\\/\\/nowhere\"}")).isNull();
	}

	/** An escape JSON does not know in the issuer matches no issuer, rather than failing the request. */
	@ParameterizedTest
	@ValueSource(strings = { "\\q", "\\u006", "\\u00", "\\u00g0", "\\u" })
	void anIssuerWithABrokenEscapeMatchesNoIssuer(String escape) {
		assertThat(refusal("{\"iss\":\"" + TOKENX + escape + "\"}")).isEqualTo(UNKNOWN_ISSUER);
	}

	/**
	 * An escape that is not four hexadecimal digits is no character, not even the one a lenient decoder
	 * would make of it (0z21 read digit by digit gives U+FF21).
	 */
	@Test
	void aBrokenUnicodeEscapeNeverMatchesAnIssuer() {
		IssuerRouting fullWidth = new IssuerRouting(Map.of(IdentityProvider.TOKENX, "https://\uff21.example"),
				IdentityProvider.AZUREAD);
		assertThat(fullWidth.route(jwt("{\"iss\":\"https://\\uFF21.example\"}")).provider())
			.isEqualTo(IdentityProvider.TOKENX);
		assertThat(fullWidth.route(jwt("{\"iss\":\"https://\\u0z21.example\"}")).provider()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://tokenx.dev-gcp.nav.cloud.nais.io/", "https://TOKENX.dev-gcp.nav.cloud.nais.io",
			"https://tokenx.dev-gcp.nav.cloud.nais.i", " https://tokenx.dev-gcp.nav.cloud.nais.io", "", "https://test.maskinporten.no" })
	void onlyTheExactIssuerMatches(String issuer) {
		IssuerRouting.Route route = this.routing.route(jwt("{\"iss\":\"" + issuer + "\"}"));
		assertThat(route.provider()).isNull();
		assertThat(route.refusal()).isEqualTo(UNKNOWN_ISSUER);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"sub\":\"x\"}", "{\"iss\":null}", "{\"iss\":1}", "{\"iss\":[\"" + TOKENX + "\"]}",
			"{\"iss\":{\"iss\":\"" + TOKENX + "\"}}", "{\"act\":{\"iss\":\"" + TOKENX + "\"}}", "{\"n\":1}",
			"{\"sub\":\"x\",\"t\":true }", "{\"a\":[1]}" })
	void aPayloadWithoutATopLevelIssuerStringIsRefused(String payload) {
		assertThat(refusal(payload)).isEqualTo(NO_ISSUER);
	}

	/**
	 * The first top-level {@code iss} decides and the scan stops there: a payload with a second one, or
	 * broken after it, goes to that provider, whose signature check and the endpoint's own parsing
	 * decide on it.
	 */
	@Test
	void theFirstTopLevelIssuerDecides() {
		assertThat(route("{\"iss\":\"" + TOKENX + "\",\"iss\":\"" + ENTRA + "\"}")).isEqualTo(IdentityProvider.TOKENX);
		assertThat(route("{\"iss\":\"" + ENTRA + "\",\"\\u0069ss\":\"" + TOKENX + "\"}"))
			.isEqualTo(IdentityProvider.AZUREAD);
		assertThat(route("{\"iss\":\"" + TOKENX + "\"} x")).isEqualTo(IdentityProvider.TOKENX);
		assertThat(route("{\"iss\":\"" + TOKENX + "\"")).isEqualTo(IdentityProvider.TOKENX);
	}

	/** Most tokens are routed on the start of their payload; an issuer further on is found all the same. */
	@ParameterizedTest
	@ValueSource(ints = { 0, 100, 300, 360, 370, 375, 380, 384, 390, 400, 1000, 5000 })
	void theIssuerIsFoundWhereverItIs(int padding) {
		String claims = "{\"pad\":\"" + "x".repeat(padding) + "\",\"nested\":{\"iss\":\"" + ENTRA + "\"},\"iss\":\""
				+ MASKINPORTEN + "\",\"after\":\"" + "y".repeat(400) + "\"}";
		assertThat(route(claims)).isEqualTo(IdentityProvider.MASKINPORTEN);
		String escaped = "{\"pad\":\"" + "x".repeat(padding) + "\",\"iss\":\"https:\\/\\/tokenx.dev-gcp.nav.cloud.nais.io\","
				+ "\"after\":\"" + "y".repeat(400) + "\"}";
		assertThat(route(escaped)).isEqualTo(IdentityProvider.TOKENX);
		String none = "{\"pad\":\"" + "x".repeat(padding) + "\",\"after\":\"" + "y".repeat(400) + "\"}";
		assertThat(refusal(none)).isEqualTo(NO_ISSUER);
	}

	/**
	 * Wherever a long payload's first 384 bytes end (in a key, before a colon, in a number, in a nested
	 * value, before the issuer's value), the issuer behind that point is found all the same.
	 */
	@ParameterizedTest
	@MethodSource("cutsBeforeTheIssuer")
	void theStartOfALongPayloadMayEndAnywhereBeforeTheIssuer(int cut) {
		String pad = "{\"pad\":\"" + "x".repeat(IssuerRouting.PREFIX_CHARS / 4 * 3 - 9 - cut) + "\"";
		assertThat(route(pad + MEMBERS_BEFORE_THE_ISSUER + ",\"after\":\"" + "y".repeat(400) + "\"}"))
			.isEqualTo(IdentityProvider.TOKENX);
	}

	static IntStream cutsBeforeTheIssuer() {
		return IntStream.rangeClosed(0, MEMBERS_BEFORE_THE_ISSUER.length());
	}

	/**
	 * A long payload is judged on its start when that decides: a character that is no base64url there is
	 * refused, one after an issuer or after a start that is no JSON object is the endpoint's to judge.
	 */
	@Test
	void aLongPayloadIsJudgedOnItsStart() {
		String tail = "y".repeat(600);
		assertThat(this.routing.route(jwt("{\"iss\":\"" + TOKENX + "\",\"after\":\"" + tail + "\"}", "*")).provider())
			.isEqualTo(IdentityProvider.TOKENX);
		assertThat(this.routing.route(jwt("[\"" + tail + "\"]", "*")).refusal()).isEqualTo(NOT_JSON);
		assertThat(this.routing.route("eyJhbGciOiJSUzI1NiJ9.e*" + "A".repeat(600) + ".c2ln").refusal())
			.isEqualTo(NOT_BASE64URL);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "\"iss\"", "{\"iss\":\"" + TOKENX, "{\"iss\" \"" + TOKENX + "\"}", "{iss:\"x\"}",
			"{\"a\":[1,\"iss\":\"" + TOKENX + "\"}", "{\"a\":\"\u0001\",\"iss\":\"" + TOKENX + "\"}",
			"{\"a\":1 \"iss\":\"" + TOKENX + "\"}", "{\"a\":\"\\\",\"iss\":\"" + TOKENX + "\"}",
			"{\"a\":\"x\"1,\"iss\":\"" + TOKENX + "\"}", "{\"a\":{}1,\"iss\":\"" + TOKENX + "\"}",
			"{\"a\":[]1,\"iss\":\"" + TOKENX + "\"}", "{\"iss\":\"" + TOKENX + "\u0001\"}",
			"{\"\\n\u0001\":1,\"iss\":\"" + TOKENX + "\"}" })
	void aPayloadThatIsNoJsonObjectIsRefused(String payload) {
		assertThat(refusal(payload)).isEqualTo(NOT_JSON);
	}

	@ParameterizedTest
	@ValueSource(strings = { "opaque-token", "a.b", "a.b.c.d", "a.b.c.d.e", "..", "" })
	void aTokenThatIsNoJwsIsRefused(String token) {
		IssuerRouting.Route route = this.routing.route(token);
		assertThat(route.provider()).isNull();
		assertThat(route.refusal()).isIn("it is no JWT (not three dot-separated parts)",
				NOT_BASE64URL);
	}

	@ParameterizedTest
	@ValueSource(strings = { "e30=", "e3+9", "e3/9", "e", "eyJpc3MiOiJ4In0=", "e30\u00e9", "e 30" })
	void aPayloadThatIsNoUnpaddedBase64UrlIsRefused(String payload) {
		assertThat(this.routing.route("eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln").refusal())
			.isEqualTo(NOT_BASE64URL);
	}

	@Test
	void aLongPayloadThatIsNoJsonObjectIsRefused() {
		assertThat(refusal("{\"a\":\"" + "x".repeat(1000))).isEqualTo(NOT_JSON);
		assertThat(refusal("{\"a\":[" + "1,".repeat(1000) + "\"iss\":\"" + TOKENX + "\"}"))
			.isEqualTo(NOT_JSON);
	}

	@Test
	void anOversizedPayloadIsRefusedUnread() {
		String payload = "A".repeat(IssuerRouting.MAX_PAYLOAD_CHARS + 4);
		assertThat(this.routing.route("h." + payload + ".s").refusal())
			.isEqualTo("its JWT payload is larger than any token a server takes");
	}

	@Test
	void decodesBase64UrlAsTheJdkDoes() {
		Random random = new Random(11);
		for (int length = 0; length < 64; length++) {
			byte[] bytes = new byte[length];
			random.nextBytes(bytes);
			String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			byte[] decoded = IssuerRouting.decodeBase64Url("." + encoded + ".", 1, encoded.length() + 1);
			if (length == 0) {
				assertThat(decoded).isNull();
			}
			else {
				assertThat(decoded).isEqualTo(bytes);
			}
		}
	}

	/** Whatever arrives in a header, the scan answers a route or a refusal, and never throws. */
	@Test
	void garbageNeverThrows() {
		Random random = new Random(14);
		String alphabet = "{}[]\":,\\ \t\nabcdefghijklmnopqrstuvwxyziss0123456789-_.\u0000\u00ff";
		for (int i = 0; i < 20_000; i++) {
			StringBuilder payload = new StringBuilder();
			int length = random.nextInt(40);
			for (int c = 0; c < length; c++) {
				payload.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			if (random.nextBoolean()) {
				payload.insert(0, "{\"iss\":\"" + TOKENX + "\",");
			}
			IssuerRouting.Route byPayload = this.routing.route(jwt(payload.toString()));
			IssuerRouting.Route byToken = this.routing.route(payload.toString());
			assertThat((byPayload.provider() == null) != (byPayload.refusal() == null)).isTrue();
			assertThat((byToken.provider() == null) != (byToken.refusal() == null)).isTrue();
		}
	}

	@Test
	void noIssuerKnownSendsEveryTokenToTheConfiguredProvider() {
		IssuerRouting single = IssuerRouting.singleProvider(IdentityProvider.TOKENX);
		assertThat(single.routesByIssuer()).isFalse();
		assertThat(single.route("not even a jwt").provider()).isEqualTo(IdentityProvider.TOKENX);
		assertThat(single.providerOf(Map.of("iss", ENTRA))).isEqualTo(IdentityProvider.TOKENX);
	}

	@Test
	void theVerifiedIssuerNamesTheProviderOfACachedToken() {
		assertThat(this.routing.providerOf(Map.of("iss", MASKINPORTEN))).isEqualTo(IdentityProvider.MASKINPORTEN);
		assertThat(this.routing.providerOf(Map.of("iss", ENTRA))).isEqualTo(IdentityProvider.AZUREAD);
		assertThat(this.routing.providerOf(Map.of())).isEqualTo(IdentityProvider.AZUREAD);
	}

	@Test
	void refusalReasonsNameNothingOfTheToken() {
		String token = jwt("{\"iss\":\"https://evil.example/secret-value\",\"pid\":\"01017012345\"}");
		assertThat(this.routing.route(token).refusal()).doesNotContain("evil", "secret", "01017012345", token);
	}

	@Test
	void twoProvidersCannotShareAnIssuer() {
		Map<IdentityProvider, String> issuers = new LinkedHashMap<>();
		issuers.put(IdentityProvider.TOKENX, TOKENX);
		issuers.put(IdentityProvider.IDPORTEN, TOKENX);
		assertThatIllegalArgumentException().isThrownBy(() -> new IssuerRouting(issuers, IdentityProvider.AZUREAD))
			.withMessageContaining("tokenx and idporten");
	}

	static Map<IdentityProvider, String> issuers() {
		Map<IdentityProvider, String> issuers = new LinkedHashMap<>();
		issuers.put(IdentityProvider.AZUREAD, ENTRA);
		issuers.put(IdentityProvider.TOKENX, TOKENX);
		issuers.put(IdentityProvider.IDPORTEN, IDPORTEN);
		issuers.put(IdentityProvider.MASKINPORTEN, MASKINPORTEN);
		return issuers;
	}

	static String jwt(String payload) {
		return jwt(payload, "");
	}

	/** A JWT whose encoded payload ends in {@code suffix}. */
	private static String jwt(String payload, String suffix) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return base64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + suffix + ".c2lnbmF0dXJl";
	}

	private IdentityProvider route(String payload) {
		return this.routing.route(jwt(payload)).provider();
	}

	private String refusal(String payload) {
		IssuerRouting.Route route = this.routing.route(jwt(payload));
		assertThat(route.provider()).isNull();
		return route.refusal();
	}

}
