package dev.naistoken.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectionClient;
import dev.naistoken.introspection.IntrospectionResponseReader;
import dev.naistoken.introspection.IntrospectionResult;
import dev.naistoken.introspection.IntrospectionUnavailableException;
import dev.naistoken.introspection.RequestFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;


/**
 * The fake endpoint's failure modes, its call counter, and the HTTP/1.1 it speaks (keep-alive, chunked
 * bodies, HTTP/1.0), each as a client sees them.
 */
class FakeTexasFaultTests {

	private final FakeTexas texas = FakeTexas.start();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@AfterEach
	void close() {
		this.texas.close();
	}

	@Test
	void downRefusesConnectionsUntilHealthyAgainOnTheSamePort() throws Exception {
		int port = this.texas.port();
		this.texas.down();

		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> send(this.texas.token().issue()));
		assertThat(starterResult(Duration.ofSeconds(2))).isInstanceOf(IntrospectionUnavailableException.class);

		this.texas.healthy();
		assertThat(this.texas.port()).isEqualTo(port);
		assertThat(send(this.texas.token().issue()).statusCode()).isEqualTo(200);
	}

	@Test
	void downDropsOpenKeepAliveConnections() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.texas.port())) {
			socket.getOutputStream().write(rawRequest("HTTP/1.1", "").getBytes(StandardCharsets.ISO_8859_1));
			assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200 OK");

			this.texas.down();

			socket.setSoTimeout(2000);
			assertThat(readAllOrReset(socket.getInputStream())).isEqualTo(-1);
		}
	}

	@Test
	void aScriptedAnswerReplacesTheVerdictForThatTokenUntilReset() throws Exception {
		String scripted = this.texas.token().issue();
		String other = this.texas.token().issue();
		this.texas.answer(scripted, 502, "{\"error\":\"bad gateway\"}");

		HttpResponse<String> response = send(scripted);
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.body()).isEqualTo("{\"error\":\"bad gateway\"}");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(send(other).body()).contains("\"active\":true");
		assertThat(this.texas.calls()).isEqualTo(2);

		this.texas.reset();
		assertThat(send(scripted).body()).contains("\"active\":true");
	}

	@Test
	void unreachableEndpointRefusesConnections() {
		HttpRequest request = HttpRequest.newBuilder(FakeTexas.unreachableEndpoint())
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();

		assertThat(FakeTexas.unreachableEndpoint().getPath()).isEqualTo(FakeTexas.PATH);
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> this.http.send(request, HttpResponse.BodyHandlers.discarding()));
	}

	@Test
	void slowDelaysEveryAnswer() throws Exception {
		this.texas.slow(Duration.ofSeconds(2));

		assertThat(starterResult(Duration.ofMillis(200))).asInstanceOf(InstanceOfAssertFactories.THROWABLE)
			.hasMessageContaining("did not answer within 200 ms");

		this.texas.healthy();
		assertThat(starterResult(Duration.ofSeconds(2))).isInstanceOf(IntrospectionResult.Active.class);
	}

	@Test
	void slowStillAnswersCorrectly() throws Exception {
		this.texas.slow(Duration.ofMillis(50));

		assertThat(starterResult(Duration.ofSeconds(5))).isInstanceOf(IntrospectionResult.Active.class);
	}

	@Test
	void failWithAnswersThatStatus() throws Exception {
		this.texas.failWith(500);

		HttpResponse<String> response = send(this.texas.token().issue());

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(starterResult(Duration.ofSeconds(2))).isInstanceOf(IntrospectionResult.Unavailable.class);

		this.texas.failWith(502);
		assertThat(send(this.texas.token().issue()).statusCode()).isEqualTo(502);
	}

	@Test
	void failWithAStatusNoRetryChangesIsAMisconfigurationToTheStarter() throws Exception {
		for (int status : new int[] { 401, 403, 404, 405, 415 }) {
			this.texas.failWith(status);

			assertThat(send(this.texas.token().issue()).statusCode()).isEqualTo(status);
			assertThat(starterResult(Duration.ofSeconds(2))).as("HTTP " + status)
				.isInstanceOfSatisfying(IntrospectionResult.Misconfigured.class,
						(misconfigured) -> assertThat(misconfigured.problem()).contains("HTTP " + status)
							.contains("nais.token.introspection.endpoint"));
		}
	}

	@Test
	void answerGarbageSends200WithoutJson() throws Exception {
		this.texas.answerGarbage();

		HttpResponse<String> response = send(this.texas.token().issue());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("<html>");
		assertThat(starterResult(Duration.ofSeconds(2))).isInstanceOf(IntrospectionResult.Unavailable.class);
	}

	@Test
	void hangNeverAnswersUntilHealthy() throws Exception {
		this.texas.hang();

		assertThat(starterResult(Duration.ofMillis(300))).asInstanceOf(InstanceOfAssertFactories.THROWABLE)
			.hasMessageContaining("did not answer within 300 ms");

		CompletableFuture<HttpResponse<String>> pending = this.http.sendAsync(request(this.texas.token().issue()),
				HttpResponse.BodyHandlers.ofString());
		awaitCalls(2);
		assertThat(pending).isNotDone();

		this.texas.healthy();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(pending::get)
			.withCauseInstanceOf(IOException.class);
		assertThat(send(this.texas.token().issue()).statusCode()).isEqualTo(200);
	}

	@Test
	void resetConnectionsAnswersNothing() throws Exception {
		this.texas.resetConnections();

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> send(this.texas.token().issue()));
		assertThat(starterResult(Duration.ofSeconds(2))).isInstanceOf(IntrospectionUnavailableException.class);
	}

	@Test
	void countsIntrospectionRequestsUntilReset() throws Exception {
		String token = this.texas.token().issue();
		send(token);
		send("not-a-jwt");
		this.texas.failWith(500);
		send(token);

		assertThat(this.texas.calls()).isEqualTo(3);

		this.texas.reset();
		assertThat(this.texas.calls()).isZero();
		assertThat(send(token).statusCode()).isEqualTo(200);
		assertThat(this.texas.calls()).isEqualTo(1);
	}

	@Test
	void keepsConnectionsAlive() throws Exception {
		for (int i = 0; i < 20; i++) {
			assertThat(send(this.texas.token().issue()).statusCode()).isEqualTo(200);
		}

		assertThat(this.texas.calls()).isEqualTo(20);
		assertThat(this.texas.connectionsAccepted()).isEqualTo(1);
	}

	@Test
	void readsChunkedBodies() throws Exception {
		String body = "identity_provider=azuread&token=" + this.texas.token().issue();
		String chunked = Integer.toHexString(10) + "\r\n" + body.substring(0, 10) + "\r\n"
				+ Integer.toHexString(body.length() - 10) + "\r\n" + body.substring(10) + "\r\n0\r\n\r\n";
		try (Socket socket = new Socket("127.0.0.1", this.texas.port())) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/introspect HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked)
				.getBytes(StandardCharsets.ISO_8859_1));

			assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200 OK").contains("\"active\":true");
		}
	}

	@Test
	void closesHttp10ConnectionsAfterTheAnswer() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.texas.port())) {
			socket.setSoTimeout(2000);
			socket.getOutputStream()
				.write(rawRequest("HTTP/1.0", this.texas.token().issue()).getBytes(StandardCharsets.ISO_8859_1));

			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

			assertThat(answer).startsWith("HTTP/1.1 200 OK").contains("Connection: close").contains("\"active\":true");
		}
	}

	@Test
	void closeFreesThePort() throws Exception {
		this.texas.close();

		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> send("x"));
	}

	private Object starterResult(Duration readTimeout) {
		IntrospectionClient client = new IntrospectionClient(this.texas.endpoint(), RequestFormat.FORM,
				Duration.ofSeconds(1), readTimeout);
		try {
			IntrospectionClient.Response response = client.post(IdentityProvider.AZUREAD, this.texas.token().issue());
			return new IntrospectionResponseReader().read(response.status(), response.body(), IdentityProvider.AZUREAD);
		}
		catch (IntrospectionUnavailableException ex) {
			return ex;
		}
	}

	private HttpResponse<String> send(String token) throws Exception {
		return this.http.send(request(token), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String token) {
		return HttpRequest.newBuilder(this.texas.endpoint())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("identity_provider=azuread&token=" + token))
			.build();
	}

	private void awaitCalls(long calls) throws InterruptedException {
		for (int i = 0; i < 200 && this.texas.calls() < calls; i++) {
			Thread.sleep(10);
		}
		assertThat(this.texas.calls()).isEqualTo(calls);
	}

	private String rawRequest(String version, String token) {
		String body = "identity_provider=azuread&token=" + (token.isEmpty() ? this.texas.token().issue() : token);
		return "POST /api/v1/introspect " + version + "\r\nHost: localhost\r\n"
				+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n"
				+ body;
	}

	/** One answer's head and body, read by its Content-Length, leaving the connection open. */
	private static String readAnswer(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.append((char) b);
		}
		int length = Integer.parseInt(head.toString().replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
		return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

	private static int readAllOrReset(InputStream in) {
		try {
			return in.read();
		}
		catch (IOException ex) {
			return -1;
		}
	}

}
