package dev.naistoken.rules;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.FakeTexas;

import static dev.naistoken.rules.RulesTestApplication.ADMINS_ID;
import static dev.naistoken.rules.RulesTestApplication.READERS_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring Security does with two ready-made rules on one method: it does not join them, it refuses
 * the method when it is first called, whoever calls (fails closed). With {@code nais.token.rules.check}
 * at its default the application does not start at all (see the rule check's tests); here the check is
 * off to show Spring Security's own behaviour.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "nais.token.groups.readers=" + READERS_ID, "nais.token.groups.admins=" + ADMINS_ID,
				"nais.token.rules.check=off" })
@AutoConfigureFakeTexas
@ExtendWith(OutputCaptureExtension.class)
class SeveralRulesTests {

	@Autowired
	private FakeTexas texas;

	@LocalServerPort
	private int port;

	@Test
	void twoAnnotationsOnOneMethodAreRefusedNotJoined(CapturedOutput output) throws Exception {
		String both = this.texas.token().groups(ADMINS_ID).issue();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/both"))
				.header("Authorization", "Bearer " + both)
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(output).contains("Found 2 competing annotations");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TwoRules {

		@Bean
		TwoRulesController twoRulesController() {
			return new TwoRulesController();
		}

	}

	@RestController
	static class TwoRulesController {

		@GetMapping("/both")
		@RequireGroup("admins")
		@RequireScope("defaultaccess")
		String both() {
			return "both";
		}

	}

}
