package dev.naistoken.test;

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

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A team's local run of its own application: the helper starts the fake, wires the endpoint into the
 * unchanged {@code main}, and every printed curl line, replayed as printed, gets the status printed
 * beside it.
 */
class NaisTokenLocalRunTests {

	private static final Pattern LINE = Pattern.compile(
			"# (.+?)(?: -> (\\d{3}))?\\R(curl -i (?:-X (\\w+) )?(?:-H \"Authorization: Bearer ([^\"]+)\" )?(http://\\S+))");

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void printedCurlLinesGetThePrintedStatus() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		try (ConfigurableApplicationContext context = NaisTokenLocalRun.of(KitTestApplication::main)
			.demo("an admin", "GET /admin", 200, (token) -> token.groups("6a1f3c2e-0000-4000-8000-000000000002"))
			.demo("a reader", "GET /admin", 403, (token) -> token.groups("6a1f3c2e-0000-4000-8000-000000000001"))
			.demo("an expired token", "GET /whoami", 401, TokenBuilder::expired)
			.demo("an app", "GET /whoami", 200, TokenBuilder::app)
			.demo("a citizen", "GET /whoami", 200, FakeTexas.Provider.TOKENX, (token) -> token.pid("01017012345"))
			.demo("an organisation", "GET /whoami", 200, FakeTexas.Provider.MASKINPORTEN,
					(token) -> token.organisation("974761076"))
			.withoutToken("no token", "GET /whoami", 401)
			.printTo(new PrintStream(printed, true, StandardCharsets.UTF_8))
			.run("--server.port=0")) {
			String text = printed.toString(StandardCharsets.UTF_8);
			assertThat(text).contains("LOCAL MODE").contains(context.getBean(FakeTexas.class).endpoint().toString());
			assertThat(replay(text)).containsExactly("an admin", "a reader", "an expired token", "an app", "a citizen",
					"an organisation", "no token");
		}
	}

	@Test
	void withoutDemosItPrintsAUserAndAnAppToken() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		try (ConfigurableApplicationContext context = NaisTokenLocalRun.of(KitTestApplication::main)
			.printTo(new PrintStream(printed, true, StandardCharsets.UTF_8))
			.run("--server.port=0")) {
			Matcher line = LINE.matcher(printed.toString(StandardCharsets.UTF_8));
			List<String> who = new ArrayList<>();
			while (line.find()) {
				who.add(line.group(1));
				assertThat(line.group(5)).isNotNull();
				assertThat(send(line, line.group(6).replaceFirst("/$", "/whoami"))).isEqualTo(200);
			}
			assertThat(who).containsExactly("a user", "an app-to-app caller");
		}
	}

	@Test
	void aMainThatStartsNoApplicationFailsAndFreesTheFake() {
		assertThatIllegalStateException().isThrownBy(() -> NaisTokenLocalRun.of((args) -> {
		}).run()).withMessageContaining("main method returned without starting an application");
	}

	private List<String> replay(String text) throws Exception {
		List<String> seen = new ArrayList<>();
		Matcher line = LINE.matcher(text);
		while (line.find()) {
			assertThat(send(line, line.group(6))).as(line.group(3)).isEqualTo(Integer.parseInt(line.group(2)));
			seen.add(line.group(1));
		}
		return seen;
	}

	private int send(Matcher line, String url) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.method((line.group(4) != null) ? line.group(4) : "GET", HttpRequest.BodyPublishers.noBody());
		if (line.group(5) != null) {
			request.header("Authorization", "Bearer " + line.group(5));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
