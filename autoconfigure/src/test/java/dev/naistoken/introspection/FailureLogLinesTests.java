package dev.naistoken.introspection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The log a team reads on a bad day: one line per cause, not one per request, at the level the cause
 * deserves, naming what to fix and never the token.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureLogLinesTests {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.secret-payload.signature";

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void deadEndpointUnderLoadWritesOneWarning(CapturedOutput output) throws IOException {
		NaisOpaqueTokenIntrospector introspector = introspector(closedPort(), IdentityProvider.AZUREAD);
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
		int port = serve(200, "{\"active\":false,\"error\":\"identity provider 'tokenx' is not enabled\"}");
		NaisOpaqueTokenIntrospector introspector = introspector(port, IdentityProvider.TOKENX);
		for (int i = 0; i < 50; i++) {
			assertThatExceptionOfType(IntrospectionMisconfiguredException.class)
				.isThrownBy(() -> introspector.introspect(TOKEN));
		}
		assertThat(lines(output, "Token introspection misconfigured")).singleElement()
			.asString()
			.contains("ERROR")
			.contains("answering 500")
			.contains("Enable it in the NAIS manifest (spec.tokenx.enabled: true)");
		assertThat(output).doesNotContain(TOKEN);
	}

	@Test
	void eachCauseGetsItsOwnLine(CapturedOutput output) throws IOException {
		int port = serve(502, "bad gateway");
		NaisOpaqueTokenIntrospector answering502 = introspector(port, IdentityProvider.AZUREAD);
		NaisOpaqueTokenIntrospector refused = introspector(closedPort(), IdentityProvider.AZUREAD);
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
		int port = serve(200, "{\"active\":false,\"error\":\"invalid token: ExpiredSignature\"}");
		NaisOpaqueTokenIntrospector introspector = introspector(port, IdentityProvider.AZUREAD);
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> introspector.introspect(TOKEN));
		assertThat(lines(output, "WARN")).isEmpty();
		assertThat(lines(output, "ERROR")).isEmpty();
	}

	private NaisOpaqueTokenIntrospector introspector(int port, IdentityProvider provider) {
		IntrospectionClient client = new IntrospectionClient(URI.create("http://127.0.0.1:" + port + "/introspect"),
				RequestFormat.FORM, Duration.ofSeconds(1), Duration.ofSeconds(2));
		return new NaisOpaqueTokenIntrospector(client, provider, false);
	}

	private int serve(int status, String body) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/introspect", (exchange) -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		this.server.start();
		return this.server.getAddress().getPort();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static List<String> lines(CapturedOutput output, String text) {
		return output.getOut().lines().filter((line) -> line.contains(text)).toList();
	}

}
