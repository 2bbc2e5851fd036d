package dev.naistoken.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.naistoken.test.FakeTexas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the indicator on and the endpoint dead, the whole health endpoint says DOWN, but the readiness
 * and liveness probes NAIS calls stay UP: the indicator is in no probe group unless the application
 * adds it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.health.naistoken.enabled=true", "management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.show-components=always" })
class HealthProbeGroupsTests {

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void deadEndpoint(DynamicPropertyRegistry registry) throws IOException {
		URI dead = FakeTexas.unreachableEndpoint();
		registry.add("nais.token.introspection.endpoint", dead::toString);
	}

	@Test
	void deadEndpointShowsInTheHealthEndpointOnly() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat(health.body()).contains("\"naisToken\":{\"status\":\"DOWN\"");
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
