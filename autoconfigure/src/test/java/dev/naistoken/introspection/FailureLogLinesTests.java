package dev.naistoken.introspection;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import dev.naistoken.test.FakeTexas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The log a team reads on a bad day: one line per cause, not one per request, at the level the cause
 * deserves, naming what to fix and never the token.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureLogLinesTests {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.secret-payload.signature";

	private final FakeTexas endpoint = FakeTexas.start();

	FailureLogLinesTests() throws IOException {
	}

	@AfterEach
	void stop() {
		this.endpoint.close();
	}

	@Test
	void deadEndpointUnderLoadWritesOneWarning(CapturedOutput output) throws IOException {
		NaisOpaqueTokenIntrospector introspector = introspector(FakeTexas.unreachableEndpoint(), IdentityProvider.AZUREAD);
		for (int i = 0; i < 200; i++) {
			assertThatExceptionOfType(IntrospectionUnavailableException.class)
				.isThrownBy(() -> introspector.introspect(TOKEN));
		}
		assertThat(lines(output, "Token introspection unavailable")).singleElement()
			.asString()
			.contains("WARN")
			.contains("answering 503: the introspection endpoint refused the connection");
		assertThat(output).doesNotContain(TOKEN).doesNotContain("secret-payload");
	}

	@Test
	void providerNotEnabledWritesOneErrorNamingTheManifestField(CapturedOutput output) throws IOException {
		introspectFiftyTimes("identity provider 'tokenx' is not enabled", IdentityProvider.TOKENX,
				IntrospectionMisconfiguredException.class);
		assertThat(lines(output, "Token introspection misconfigured")).singleElement()
			.asString()
			.contains("ERROR")
			.contains("answering 500")
			.contains("Enable it in the NAIS manifest (spec.tokenx.enabled: true)");
		assertThat(output).doesNotContain(TOKEN);
	}

	@Test
	void signingKeyFailureWritesOneWarningNotARefusal(CapturedOutput output) throws IOException {
		introspectFiftyTimes("fetch: error sending request for url (https://login.example/keys)",
				IdentityProvider.AZUREAD, IntrospectionUnavailableException.class);
		assertThat(lines(output, "Token introspection unavailable")).singleElement()
			.asString()
			.contains("WARN")
			.contains("answering 503: the introspection endpoint could not check the token: it could not fetch or "
					+ "read the identity provider's signing keys (fetch: error sending request for url "
					+ "(https://login.example/keys))");
		assertThat(lines(output, "ERROR")).isEmpty();
		assertThat(output).doesNotContain(TOKEN);
	}

	@Test
	void providerWithoutIntrospectionWritesOneErrorNamingTheProperty(CapturedOutput output) throws IOException {
		introspectFiftyTimes("identity provider 'maskinporten' does not support introspection",
				IdentityProvider.MASKINPORTEN, IntrospectionMisconfiguredException.class);
		assertThat(lines(output, "Token introspection misconfigured")).singleElement()
			.asString()
			.contains("ERROR")
			.contains("answering 500")
			.contains("'maskinporten' does not support introspection")
			.contains("nais.token.introspection.identity-provider");
		assertThat(output).doesNotContain(TOKEN);
	}

	@Test
	void eachCauseGetsItsOwnLine(CapturedOutput output) throws IOException {
		this.endpoint.answer(TOKEN, 502, "bad gateway");
		NaisOpaqueTokenIntrospector answering502 = introspector(this.endpoint.endpoint(), IdentityProvider.AZUREAD);
		NaisOpaqueTokenIntrospector refused = introspector(FakeTexas.unreachableEndpoint(), IdentityProvider.AZUREAD);
		for (int i = 0; i < 20; i++) {
			assertThatExceptionOfType(IntrospectionUnavailableException.class)
				.isThrownBy(() -> answering502.introspect(TOKEN));
			assertThatExceptionOfType(IntrospectionUnavailableException.class)
				.isThrownBy(() -> refused.introspect(TOKEN));
		}
		assertThat(lines(output, "Token introspection unavailable")).hasSize(2)
			.anySatisfy((line) -> assertThat(line).contains("answered HTTP 502"))
			.anySatisfy((line) -> assertThat(line).contains("refused the connection"));
	}

	@Test
	void inactiveTokensStayOutOfTheWarnLog(CapturedOutput output) throws IOException {
		this.endpoint.answer(TOKEN, 200, "{\"active\":false,\"error\":\"invalid token: ExpiredSignature\"}");
		NaisOpaqueTokenIntrospector introspector = introspector(this.endpoint.endpoint(), IdentityProvider.AZUREAD);
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> introspector.introspect(TOKEN));
		assertThat(lines(output, "WARN")).isEmpty();
		assertThat(lines(output, "ERROR")).isEmpty();
	}

	/** Fifty requests the endpoint answers {@code active:false} with this reason, each failing so. */
	private void introspectFiftyTimes(String reason, IdentityProvider provider, Class<? extends Throwable> failure) {
		this.endpoint.answer(TOKEN, 200, "{\"active\":false,\"error\":\"" + reason + "\"}");
		NaisOpaqueTokenIntrospector introspector = introspector(this.endpoint.endpoint(), provider);
		for (int i = 0; i < 50; i++) {
			assertThatExceptionOfType(failure).isThrownBy(() -> introspector.introspect(TOKEN));
		}
	}

	private static NaisOpaqueTokenIntrospector introspector(URI endpoint, IdentityProvider provider) {
		IntrospectionClient client = new IntrospectionClient(endpoint, RequestFormat.FORM, Duration.ofSeconds(1),
				Duration.ofSeconds(2));
		return new NaisOpaqueTokenIntrospector(new IntrospectionEndpointClient(client, new IntrospectionResponseReader()), provider, false);
	}

	private static List<String> lines(CapturedOutput output, String text) {
		return output.getOut().lines().filter((line) -> line.contains(text)).toList();
	}

}
