package dev.naistoken.introspection;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The times of an active answer ({@code exp}, {@code iat}, {@code nbf}) are whole seconds since the
 * epoch: one that is anything else is an answer the starter cannot vouch for, so the request gets a
 * 503 (unavailable), never a 200 on claims it does not understand.
 */
class AnswerTimesTests {

	private static final String ACTIVE = "{\"active\":true,\"sub\":\"s\",\"exp\":4102444800,\"iat\":1730977293,"
			+ "\"nbf\":1730977293";

	private final IntrospectionResponseReader reader = new IntrospectionResponseReader();

	@Test
	void wholeNumberTimesBecomeInstants() {
		IntrospectionResult result = read(ACTIVE + "}");
		assertThat(result).isInstanceOfSatisfying(IntrospectionResult.Active.class,
				(active) -> assertThat(active.claims()).containsEntry("exp", Instant.ofEpochSecond(4102444800L))
					.containsEntry("iat", Instant.ofEpochSecond(1730977293L))
					.containsEntry("nbf", Instant.ofEpochSecond(1730977293L)));
	}

	@Test
	void iatAndNbfMayBeMissing() {
		assertThat(read("{\"active\":true,\"sub\":\"s\",\"exp\":4102444800}"))
			.isInstanceOf(IntrospectionResult.Active.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"nbf\":\"1730977293\"", "\"nbf\":1730977293.5", "\"nbf\":true",
			"\"nbf\":99999999999999999999999", "\"iat\":\"1730977293\"", "\"iat\":1730977293.5", "\"iat\":[1]",
			"\"exp\":\"4102444800\"", "\"exp\":4102444800.5", "\"exp\":null" })
	void aTimeThatIsNoWholeNumberMakesTheAnswerUnusable(String time) {
		String name = time.substring(0, time.indexOf(':'));
		String body = ACTIVE.replaceAll(",?" + name + ":[0-9]+", "") + "," + time + "}";
		assertThat(read(body)).as(body).isInstanceOf(IntrospectionResult.Unavailable.class);
	}

	private IntrospectionResult read(String body) {
		return this.reader.read(200, body.getBytes(StandardCharsets.UTF_8), IdentityProvider.AZUREAD);
	}

}
