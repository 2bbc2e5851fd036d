package dev.naistoken.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.naistoken.introspection.IntrospectionClient;
import dev.naistoken.test.FakeTexas;
import dev.naistoken.test.RawSocketEndpoint;
import dev.naistoken.test.RawSocketEndpoint.Behaviour;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.naistoken.test.RawSocketEndpoint.ascii;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fault of the endpoint we can make on loopback, through a real Tomcat: what the client of the
 * protected API sees. The expected outcome of each row is in {@code docs/failure-matrix.md}. The rule
 * behind all of them: a token the endpoint did not call active never gets a 200, and an endpoint that
 * cannot answer never turns into a 401.
 */
class FaultMatrixTests extends ContainerTestSupport {

	static List<ContractResponse> contractResponses() {
		return ContractResponse.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("contractResponses")
	void contractAnswer(ContractResponse response) {
		this.endpoint.stubFor(post(urlPathEqualTo(FakeTexas.PATH))
			.willReturn(aResponse().withStatus(response.status()).withBody(response.body())));
		RawHttp.Reply reply = http().bearer("/api/admin", newToken());
		switch (response.expect()) {
			case "active" -> {
				if (response.admin()) {
					assertOk(reply, "admin");
				}
				else {
					assertForbidden(reply);
				}
			}
			case "inactive" -> assertInvalidToken(reply);
			case "unavailable" -> assertUnavailable(reply);
			case "misconfigured" -> assertMisconfigured(reply);
			default -> throw new IllegalArgumentException(response.expect());
		}
		assertThat(introspections()).isEqualTo(1);
	}

	@Test
	void connectionRefused() {
		endpointDown();
		assertUnavailable(http().bearer("/api/hello", newToken()));
	}

	@Test
	void endpointKilledWhileARequestWaits() throws Exception {
		RawSocketEndpoint fake = rawBehindTheEndpoint(Behaviour.holdUntilKilled());
		CompletableFuture<RawHttp.Reply> reply = CompletableFuture.supplyAsync(() -> http().bearer("/api/hello", newToken()));
		assertThat(fake.awaitRequest(10)).as("the endpoint received the introspection request").isTrue();
		fake.kill();
		assertUnavailable(reply.get(10, TimeUnit.SECONDS));
	}

	@Test
	void endpointStoppedBetweenRequests() {
		answer(200, ACTIVE_USER);
		assertOk(http().bearer("/api/hello", newToken()), "hello");
		endpointDown();
		assertUnavailable(http().bearer("/api/hello", newToken()));
	}

	@Test
	void acceptsButNeverAnswers() {
		RawSocketEndpoint fake = rawBehindTheEndpoint(Behaviour.silent());
		assertUnavailable(http().bearer("/api/hello", newToken()));
		assertThat(fake.accepted()).as("connected, so the read timeout is what ended it").isPositive();
	}

	@Test
	void sendsHeadersThenStallsTheBody() throws InterruptedException {
		RawSocketEndpoint fake = rawBehindTheEndpoint(Behaviour.answerThenStall(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 200\r\n\r\n{\"active\": true, ")));
		assertUnavailable(http().bearer("/api/hello", newToken()));
		assertThat(fake.awaitClosedByClient(10)).as("the starter gave the connection up").isTrue();
	}

	@Test
	void answersJustUnderTheReadTimeout() {
		this.endpoint.stubFor(post(urlPathEqualTo(FakeTexas.PATH))
			.willReturn(aResponse().withStatus(200).withBody(ACTIVE_USER).withFixedDelay(1000)));
		assertOk(http().bearer("/api/hello", newToken()), "hello");
	}

	@Test
	void answersAfterTheReadTimeout() {
		this.endpoint.stubFor(post(urlPathEqualTo(FakeTexas.PATH))
			.willReturn(aResponse().withStatus(200).withBody(ACTIVE_USER).withFixedDelay(3000)));
		assertUnavailable(http().bearer("/api/hello", newToken()));
	}

	@Test
	void connectionResetByPeer() {
		fault(Fault.CONNECTION_RESET_BY_PEER);
		assertUnavailable(http().bearer("/api/hello", newToken()));
	}

	@Test
	void closesWithoutAnswering() {
		fault(Fault.EMPTY_RESPONSE);
		assertUnavailable(http().bearer("/api/hello", newToken()));
	}

	@Test
	void sendsRandomDataThenCloses() {
		fault(Fault.RANDOM_DATA_THEN_CLOSE);
		assertUnavailable(http().bearer("/api/hello", newToken()));
	}

	@Test
	void sendsAMalformedChunk() {
		fault(Fault.MALFORMED_RESPONSE_CHUNK);
		assertUnavailable(http().bearer("/api/hello", newToken()));
	}

	@Test
	void answerLargerThanTheBoundWithContentLength() {
		byte[] body = paddedActiveAnswer(IntrospectionClient.MAX_RESPONSE_BYTES + 1);
		answer(body);
		assertUnavailable(http().bearer("/api/hello", newToken()));
	}

	@Test
	void answerAtTheBoundIsRead() {
		byte[] body = paddedActiveAnswer(IntrospectionClient.MAX_RESPONSE_BYTES);
		answer(body);
		assertOk(http().bearer("/api/hello", newToken()), "hello");
	}

	@Test
	void answerStreamedWithoutEnd() {
		rawBehindTheEndpoint(Behaviour.endlessChunkedBody());
		assertUnavailable(http().bearer("/api/hello", newToken()));
	}

	@Test
	void answerWithBytesThatAreNotUtf8() {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(ascii("{\"active\": true, \"exp\": 4102444800, \"name\": \"J"));
		body.write(0xF8);
		body.writeBytes(ascii("rgen\"}"));
		answer(body.toByteArray());
		assertUnavailable(http().bearer("/api/hello", newToken()));
	}

	/**
	 * Jackson detects UTF-16 and UTF-32 from the first bytes and reads the same JSON: the decision is the
	 * endpoint's, whatever the encoding. Texas always sends UTF-8.
	 */
	@Test
	void answerInUtf16IsReadAsTheSameJson() {
		answer(ACTIVE_USER.getBytes(StandardCharsets.UTF_16BE));
		assertOk(http().bearer("/api/admin", newToken()), "admin");
		answer(EXPIRED.getBytes(StandardCharsets.UTF_16LE));
		assertInvalidToken(http().bearer("/api/admin", newToken()));
	}

	@Test
	void claimsNestedDeeperThanTheParserAllows() {
		String nested = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
		answer(200, "{\"active\": true, \"exp\": 4102444800, \"ext\": " + nested + "}");
		assertUnavailable(http().bearer("/api/hello", newToken()));
	}

	private void fault(Fault fault) {
		this.endpoint.stubFor(post(urlPathEqualTo(FakeTexas.PATH)).willReturn(aResponse().withFault(fault)));
	}

	/** A valid active answer, padded with a claim to exactly {@code size} bytes. */
	private static byte[] paddedActiveAnswer(int size) {
		String head = ACTIVE_USER.substring(0, ACTIVE_USER.length() - 1) + ",\"padding\":\"";
		String tail = "\"}";
		return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
	}

}
