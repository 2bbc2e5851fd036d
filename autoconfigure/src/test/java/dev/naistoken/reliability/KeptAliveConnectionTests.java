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

	private LoopbackEndpoint.RawFake endpoint;

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

	private IntrospectionClient endpointThatAnswers(IntPredicate answer) {
		// A port of its own, so the shared endpoint of the container tests is never touched.
		this.endpoint = new LoopbackEndpoint.RawFake(0,
				LoopbackEndpoint.Behaviour.keepAlive(ANSWER, answer, this.requests));
		return new IntrospectionClient(
				URI.create("http://127.0.0.1:" + this.endpoint.port() + LoopbackEndpoint.PATH), RequestFormat.FORM,
				Duration.ofSeconds(1), Duration.ofSeconds(2));
	}

}
