package dev.naistoken.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One annotation points a Spring Boot application, served by a real container, at a fake endpoint of
 * its own, which is reset before every test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureFakeTexas
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureFakeTexasTests {

	@Autowired
	private FakeTexas texas;

	@Value("${nais.token.introspection.endpoint}")
	private String endpoint;

	@LocalServerPort
	private int port;

	@Autowired
	private Environment environment;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	@Order(1)
	void pointsTheStarterAtTheFake() throws Exception {
		assertThat(this.endpoint).isEqualTo(this.texas.endpoint().toString());

		assertThat(get("/admin", this.texas.token().groups("6a1f3c2e-0000-4000-8000-000000000002").issue()))
			.isEqualTo(200);
		assertThat(get("/admin", this.texas.token().groups("6a1f3c2e-0000-4000-8000-000000000001").issue()))
			.isEqualTo(403);
		assertThat(get("/admin", this.texas.token().expired().issue())).isEqualTo(401);
		assertThat(this.texas.calls()).isEqualTo(3);
	}

	@Test
	@Order(1)
	void wiresTheIssuerOfEveryProviderTheFakeServes() {
		for (FakeTexas.Provider provider : FakeTexas.Provider.values()) {
			assertThat(this.environment.getProperty("nais.token.providers." + provider.propertyName() + ".issuer"))
				.as(provider.name())
				.isEqualTo(this.texas.issuer(provider));
		}
	}

	@Test
	@Order(2)
	void leavesTheFakeDown() throws Exception {
		this.texas.down();

		assertThat(get("/admin", this.texas.token().issue())).isEqualTo(503);
	}

	@Test
	@Order(3)
	void findsItResetBeforeTheNextTest() throws Exception {
		assertThat(this.texas.calls()).isZero();
		assertThat(get("/whoami", this.texas.token().issue())).isEqualTo(200);
		assertThat(this.texas.calls()).isEqualTo(1);
	}

	private int get(String path, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
