package dev.naistoken.introspection;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The claims a principal (and so the cache) keeps: the same entries as the answer, immutable, with the
 * values tokens share held once.
 */
class ClaimsCompactorTests {

	private static final String USER = "{\"active\":true,\"aud\":\"8a5e2b1c-0000-4000-8000-00000000aaaa\","
			+ "\"iss\":\"https://login.microsoftonline.com/966ac572-f5b7-4bbe-aa88-c76419c0f851/v2.0\","
			+ "\"iat\":1730977293,\"nbf\":1730977293,\"exp\":4102444800,\"amr\":[\"pwd\",null],"
			+ "\"groups\":[\"6a1f3c2e-0000-4000-8000-000000000001\",\"6a1f3c2e-0000-4000-8000-000000000002\"],"
			+ "\"_claim_sources\":{\"src1\":{\"endpoint\":\"x\"}},\"NAVident\":\"Z990001\",\"scp\":\"defaultaccess\","
			+ "\"sub\":\"Xj3nJfZr0000000000000000000000000000000000\"}";

	private final IntrospectionResponseReader reader = new IntrospectionResponseReader();

	@Test
	void keepsEveryClaimInTheAnswersOrder() {
		Map<String, Object> claims = read(USER);
		assertThat(claims.keySet()).containsExactly("aud", "iss", "iat", "nbf", "exp", "amr", "groups",
				"_claim_sources", "NAVident", "scp", "sub");
		assertThat(claims).containsEntry("exp", Instant.ofEpochSecond(4102444800L))
			.containsEntry("NAVident", "Z990001")
			.containsEntry("amr", java.util.Arrays.asList("pwd", null))
			.containsEntry("_claim_sources", Map.of("src1", Map.of("endpoint", "x")))
			.doesNotContainKey("groups ")
			.hasSize(11);
		assertThat(claims.get(42)).isNull();
		assertThat(claims).isEqualTo(Map.copyOf(claims)).hasSameHashCodeAs(Map.copyOf(claims));
	}

	@Test
	@SuppressWarnings("unchecked")
	void nothingInItCanBeChanged() {
		Map<String, Object> claims = read(USER);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> claims.put("x", "y"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> claims.remove("sub"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> ((List<Object>) claims.get("groups")).add("another-group"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> ((List<Object>) claims.get("amr")).set(1, "mfa"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> ((Map<String, Object>) claims.get("_claim_sources")).clear());
	}

	@Test
	void sharesWhatTokensHaveInCommonButNothingPersonal() {
		Map<String, Object> first = read(USER);
		Map<String, Object> second = read(USER);
		assertThat(second.get("iss")).isSameAs(first.get("iss"));
		assertThat(second.get("groups")).isSameAs(first.get("groups"));
		assertThat(second.get("nbf")).isSameAs(second.get("iat"));
		assertThat(second.get("sub")).isEqualTo(first.get("sub")).isNotSameAs(first.get("sub"));
		assertThat(second.get("NAVident")).isEqualTo(first.get("NAVident")).isNotSameAs(first.get("NAVident"));
	}

	@Test
	void entraIdsInternalClaimsAreDroppedUnlessKept() {
		String body = "{\"active\":true,\"exp\":4102444800,\"aio\":\"AWQAm/8Z\",\"rh\":\"1.AS8A.\","
				+ "\"uti\":\"Xk3a\",\"sub\":\"s\"}";
		assertThat(read(body)).containsOnlyKeys("exp", "uti", "sub");
		IntrospectionResult kept = new IntrospectionResponseReader(true).read(200,
				body.getBytes(StandardCharsets.UTF_8), IdentityProvider.AZUREAD);
		assertThat(((IntrospectionResult.Active) kept).claims()).containsOnlyKeys("exp", "aio", "rh", "uti", "sub")
			.containsEntry("aio", "AWQAm/8Z");
	}

	@Test
	void personalTextReadsBackAsTheEndpointSentIt() {
		String body = "{\"active\":true,\"exp\":4102444800,\"name\":\"K\u00e5ri \u0141ukasz\",\"family\":\"N\u00e6ss\","
				+ "\"oid\":\"3b1c0f2e-0000-4000-8000-00000000bbbb\",\"empty\":\"\",\"n\":7}";
		Map<String, Object> claims = read(body);
		assertThat(claims).containsExactly(Map.entry("exp", Instant.ofEpochSecond(4102444800L)),
				Map.entry("name", "K\u00e5ri \u0141ukasz"), Map.entry("family", "N\u00e6ss"),
				Map.entry("oid", "3b1c0f2e-0000-4000-8000-00000000bbbb"), Map.entry("empty", ""), Map.entry("n", 7));
		assertThat(claims.get("oid")).isEqualTo("3b1c0f2e-0000-4000-8000-00000000bbbb");
		assertThat(claims.get("empty")).isEqualTo("");
	}

	private Map<String, Object> read(String body) {
		IntrospectionResult result = this.reader.read(200, body.getBytes(StandardCharsets.UTF_8),
				IdentityProvider.AZUREAD);
		return ((IntrospectionResult.Active) result).claims();
	}

}
