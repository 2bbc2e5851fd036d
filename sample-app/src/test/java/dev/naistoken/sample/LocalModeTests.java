package dev.naistoken.sample;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.naistoken.test.FakeTexas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Local mode does what the README promises: it starts with no configuration, and every printed curl
 * line gets the status printed beside it. Production mode has no fake to fall back on.
 */
class LocalModeTests {

	private static final Pattern DEMO = Pattern.compile(
			"# (.+) -> (\\d{3})\\R(curl -i (?:-X (\\w+) )?(?:-H \"Authorization: Bearer ([^\"]+)\" )?(http://\\S+))");

	@Test
	void everyPrintedCurlGetsThePrintedStatus() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		try (ConfigurableApplicationContext context = LocalSampleApplication.start(
				new PrintStream(printed, true, StandardCharsets.UTF_8), "--server.port=0")) {
			String text = printed.toString(StandardCharsets.UTF_8);
			assertThat(text).contains("LOCAL MODE").contains(context.getBean(FakeTexas.class).endpoint().toString());
			List<String> seen = new ArrayList<>();
			HttpClient http = HttpClient.newHttpClient();
			Matcher demo = DEMO.matcher(text);
			while (demo.find()) {
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(demo.group(6)))
					.method((demo.group(4) != null) ? demo.group(4) : "GET", HttpRequest.BodyPublishers.noBody());
				if (demo.group(5) != null) {
					request.header("Authorization", "Bearer " + demo.group(5));
				}
				int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();

				assertThat(status).as(demo.group(3)).isEqualTo(Integer.parseInt(demo.group(2)));
				seen.add(demo.group(1));
			}
			assertThat(text).contains("Access rules (nais-token):")
				.containsPattern("GET /api/cases +-> any of groups readers, admins")
				.containsPattern("POST /api/cases/\\{id}/close +-> group admins");
			assertThat(seen).contains("a reader (group readers)", "an admin (group admins)", "a user in no group",
					"an app-to-app caller (role access_as_application)", "an expired token", "no token",
					"public health probe, no token", "a citizen through the citizen frontend (TokenX, level high): own cases",
					"the same citizen, logged in at level substantial",
					"an organisation (Maskinporten, scope nav:sample/cases.read)", "an organisation without that scope");
		}
	}

	@Test
	void productionModeNeedsTheRealEndpoint() {
		assertThatException().isThrownBy(() -> SpringApplication.run(SampleApplication.class, "--server.port=0"))
			.withStackTraceContaining("nais.token.introspection.endpoint");
	}

}
