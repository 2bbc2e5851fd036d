package dev.naistoken.reliability;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectionClient;
import dev.naistoken.introspection.IntrospectionUnavailableException;
import dev.naistoken.introspection.RequestFormat;
import dev.naistoken.test.FakeTexas;
import dev.naistoken.test.RawSocketEndpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the client uses its connections to a raw HTTP/1.1 endpoint on loopback: kept alive between
 * calls, and tried once more when the endpoint closes a kept-alive connection as it is reused.
 */
class KeptAliveConnectionTests {

	private static final byte[] ANSWER = "{\"active\":false,\"error\":\"invalid token header: InvalidToken\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final AtomicInteger requests = new AtomicInteger();

	private RawSocketEndpoint endpoint;

	@AfterEach
	void stop() {
		this.endpoint.close();
	}

	@Test
	void connectionIsKeptAliveBetweenCalls() {
		IntrospectionClient client = endpointThatAnswers((requestOnConnection) -> true);
		for (int i = 0; i < 5; i++) {
			assertThat(client.post(IdentityProvider.AZUREAD, "token").status()).isEqualTo(200);
		}
		assertThat(this.endpoint.accepted()).isEqualTo(1);
		assertThat(this.requests.get()).isEqualTo(5);
	}

	@Test
	void keptAliveConnectionClosedOnReuseIsTriedOnceMoreOnAFreshOne() {
		// The second request on a connection finds it closed, as when the endpoint drops an idle one.
		IntrospectionClient client = endpointThatAnswers((requestOnConnection) -> requestOnConnection == 1);
		assertThat(client.post(IdentityProvider.AZUREAD, "token").status()).isEqualTo(200);
		assertThat(client.post(IdentityProvider.AZUREAD, "token").status()).isEqualTo(200);
		assertThat(this.endpoint.accepted()).isEqualTo(2);
	}

	@Test
	void endpointThatClosesEveryConnectionUnansweredIsUnavailableAfterOneRetry() {
		IntrospectionClient client = endpointThatAnswers((requestOnConnection) -> false);
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> client.post(IdentityProvider.AZUREAD, "token"))
			.withMessageContaining("I/O error");
		assertThat(this.requests.get()).isEqualTo(2);
	}

	/**
	 * The first connection gets a status line and a little of the body, then is reset shortly before
	 * the deadline (connect + read timeout); the second is never answered. The one retry may only use
	 * what is left of the deadline, not a read timeout of its own.
	 */
	@Test
	void retryGetsOnlyWhatIsLeftOfTheDeadline() {
		AtomicInteger connections = new AtomicInteger();
		this.endpoint = new RawSocketEndpoint(0, (socket, fake) -> {
			RawSocketEndpoint.readRequest(socket.getInputStream());
			this.requests.incrementAndGet();
			if (connections.incrementAndGet() > 1) {
				fake.awaitKilled();
				return;
			}
			socket.getOutputStream()
				.write(RawSocketEndpoint.ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n{"));
			socket.getOutputStream().flush();
			Thread.sleep(2_700);
			socket.setSoLinger(true, 0);
			socket.close();
		});
		// deadline 3.1 s; without the bound the retry waits another 3 s read timeout (about 5.8 s in all)
		IntrospectionClient client = new IntrospectionClient(
				URI.create("http://127.0.0.1:" + this.endpoint.port() + FakeTexas.PATH), RequestFormat.FORM,
				Duration.ofMillis(100), Duration.ofSeconds(3));
		long start = System.nanoTime();
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> client.post(IdentityProvider.AZUREAD, "token"));
		long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		assertThat(this.requests.get()).as("the reset was retried").isEqualTo(2);
		assertThat(tookMillis).as("whole call, deadline 3100 ms").isLessThan(4_100);
	}

	private IntrospectionClient endpointThatAnswers(IntPredicate answer) {
		// A port of its own, so the shared endpoint of the container tests is never touched.
		this.endpoint = new RawSocketEndpoint(0,
				RawSocketEndpoint.Behaviour.keepAlive(ANSWER, answer, this.requests));
		return new IntrospectionClient(
				URI.create("http://127.0.0.1:" + this.endpoint.port() + FakeTexas.PATH), RequestFormat.FORM,
				Duration.ofSeconds(1), Duration.ofSeconds(2));
	}

}
