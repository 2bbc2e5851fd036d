package dev.naistoken.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.bridge.SLF4JBridgeHandler;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import dev.naistoken.LogLevels;
import dev.naistoken.Stack;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every logger of the application at TRACE (the starter's, Spring Security's, Spring Web's,
 * Tomcat's, the JDK's), a full request cycle for valid, refused, failing and malformed requests, with
 * tokens of each identity provider routed by their issuer, writes neither the token nor a claim value
 * (a citizen's {@code pid} least of all) into a log line, an exception logged with its stack trace, the
 * answer, or a metric tag. The fake endpoint's own loggers (WireMock, its Jetty) stay at INFO: in
 * production the endpoint is another process.
 * <p>
 * One exception, outside the starter's reach and documented in {@code SECURITY.md}: Tomcat's
 * {@code Http11InputBuffer} prints every raw request, {@code Authorization} header included, at DEBUG
 * (on the servlet stack; Netty prints none).
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "AZURE_OPENID_CONFIG_ISSUER=" + NoLeakTestCases.ENTRA_ISSUER,
		"TOKEN_X_ISSUER=" + NoLeakTestCases.TOKENX_ISSUER, "IDPORTEN_ISSUER=" + NoLeakTestCases.IDPORTEN_ISSUER,
		"MASKINPORTEN_ISSUER=" + NoLeakTestCases.MASKINPORTEN_ISSUER })
abstract class NoLeakTestCases extends ContainerTestSupport {

	static final String TOMCAT_RAW_REQUEST_LOGGER = "o.a.coyote.http11.Http11InputBuffer";

	/** A group object id: only a UUID becomes an authority, which Spring Security logs. */
	private static final String OTHER_GROUP = "0b9e7d1c-0000-4000-8000-0000000dead1";

	/** A group name, which grants nothing and is warned about by claim name. */
	private static final String GROUP_NAME = "leakcanary-group-name";

	/** The issuers the platform sets for the four providers, so tokens are routed by their {@code iss}. */
	static final String ENTRA_ISSUER = "https://login.microsoftonline.com/966ac572-f5b7-4bbe-aa88-c76419c0f851/v2.0";

	static final String TOKENX_ISSUER = "https://tokenx.dev-gcp.nav.cloud.nais.io";

	static final String IDPORTEN_ISSUER = "https://test.idporten.no";

	static final String MASKINPORTEN_ISSUER = "https://test.maskinporten.no/";

	/** A national identity number (pid) of a TokenX and an ID-porten token: personal data. */
	private static final String PID = "29029912345";

	/** The token and every claim value the answers below carry, the citizens' pid included. */
	static final List<String> SECRETS = List.of("leakcanary0token", "Kari Leakcanary", "Z990077",
			"kari.leakcanary@example.no", OTHER_GROUP, GROUP_NAME, ReliabilityApplication.ADMINS_GROUP_ID,
			"5f0d7e3a-0000-4000-8000-0000000leak2", "Xj3nJfZrLeakcanarySubject", "3b1c0f2e-0000-4000-8000-0000000leak3",
			"dev-gcp:leak-team:leakcanary-frontend", "tenantleakcanary", PID, "29029954321",
			"dev-gcp:leak-team:leakcanary-tokenx-app", "leakcanary-idporten-client", "idporten-loa-leakcanary",
			"nav:leakcanary/cases.read", "998877665", "https://leakcanary-issuer.example");

	private static final Pattern RECORD_START = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT");

	private static final Pattern LOGGER = Pattern.compile("\\] (\\S+)\\s+: ");

	/**
	 * Every logger at TRACE for each test, back to what it was after it (a class reading the log must not
	 * depend on, nor leave behind, levels of another).
	 */
	@RegisterExtension
	static final LogLevels levels = LogLevels
		.set(LogLevel.TRACE, LoggingSystem.ROOT_LOGGER_NAME, "dev.naistoken", "org.springframework.security",
				"org.springframework.web", "org.apache.catalina", "org.apache.coyote", "org.apache.tomcat",
				"jdk.internal.httpclient", "java.net.http")
		.and(LogLevel.INFO, "wiremock", "org.eclipse.jetty", "com.github.tomakehurst")
		.jdkRoot(Level.ALL);

	@Autowired
	MeterRegistry meterRegistry;

	/**
	 * This test's token: one no other test (nor an earlier run of this one) has had cached. It contains
	 * {@code leakcanary0token}, the secret looked for.
	 */
	final String token = jwt(ENTRA_ISSUER);

	/**
	 * A JWT of this issuer, as the routing reads it, whose signature part is unique to this test and holds
	 * {@code leakcanary0token}, the secret looked for; a suffix appended keeps it a JWT.
	 */
	static String jwt(String issuer) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return "eyJ0eXAiOiJKV1QifQ." + base64.encodeToString(("{\"iss\":\"" + issuer + "\"}").getBytes(StandardCharsets.UTF_8))
				+ ".leakcanary0token" + UUID.randomUUID().toString().replace("-", "");
	}

	@BeforeEach
	void julBridgeInstalled() {
		// Tomcat logs through java.util.logging, which reaches the log only through the bridge Boot installs
		// at start-up. When a test class with a context of its own ran in between, Spring's test framework
		// paused this cached context, and Boot's logging lifecycle removed the bridge as it stopped.
		if (!SLF4JBridgeHandler.isInstalled()) {
			SLF4JBridgeHandler.install();
		}
	}

	@Test
	void noTokenOrClaimValueInLogsAnswersOrMetrics(CapturedOutput output) throws InterruptedException {
		int mark = output.getAll().length();
		Map<String, RawHttp.Reply> replies = new LinkedHashMap<>();
		exchange(replies, "valid, rule met", 200, active(groups(ReliabilityApplication.ADMINS_GROUP_ID, OTHER_GROUP, GROUP_NAME)),
				() -> http().bearer("/api/admin", this.token));
		exchange(replies, "valid, from the cache", 200, null, () -> http().bearer("/api/admin", this.token));
		exchange(replies, "valid, rule not met", 403, active(groups(OTHER_GROUP)),
				() -> http().bearer("/api/admin", this.token + "1"));
		exchange(replies, "valid, groups of the wrong type", 403, active("\"" + OTHER_GROUP + "\""),
				() -> http().bearer("/api/admin", this.token + "2"));
		exchange(replies, "inactive", 401, EXPIRED, () -> http().bearer("/api/admin", this.token + "3"));
		exchange(replies, "endpoint error with claims in its body", 503,
				new Answer(500, active(groups(OTHER_GROUP))), () -> http().bearer("/api/admin", this.token + "4"));
		String claims = active(groups(OTHER_GROUP));
		exchange(replies, "truncated answer", 503, claims.substring(0, claims.length() - 20),
				() -> http().bearer("/api/admin", this.token + "5"));
		exchange(replies, "duplicate key", 503, claims.replace("\"NAVident\"", "\"name\":\"Kari Leakcanary\",\"NAVident\""),
				() -> http().bearer("/api/admin", this.token + "6"));
		exchange(replies, "exp as a string", 503, claims.replace("\"exp\":4102444800", "\"exp\":\"4102444800\""),
				() -> http().bearer("/api/admin", this.token + "7"));
		exchange(replies, "identity provider not enabled", 500,
				"{\"active\":false,\"error\":\"identity provider 'azuread' is not enabled\"}",
				() -> http().bearer("/api/admin", this.token + "8"));
		exchange(replies, "TokenX citizen, level unknown", 200, citizen(PID, "\"client_id\":\"dev-gcp:leak-team:leakcanary-tokenx-app\""),
				() -> http().bearer("/api/hello", jwt(TOKENX_ISSUER)));
		exchange(replies, "ID-porten citizen", 200, citizen("29029954321", "\"client_id\":\"leakcanary-idporten-client\""),
				() -> http().bearer("/api/hello", jwt(IDPORTEN_ISSUER)));
		exchange(replies, "Maskinporten organisation, rule not met", 403, organisation(),
				() -> http().bearer("/api/admin", jwt(MASKINPORTEN_ISSUER)));
		exchange(replies, "TokenX not enabled", 500,
				"{\"active\":false,\"error\":\"identity provider 'tokenx' is not enabled\"}",
				() -> http().bearer("/api/hello", jwt(TOKENX_ISSUER)));
		exchange(replies, "issuer of no accepted provider", 401, null,
				() -> http().bearer("/api/hello", jwt("https://leakcanary-issuer.example")));
		exchange(replies, "no JWT", 401, null,
				() -> http().bearer("/api/hello", "leakcanary0token" + UUID.randomUUID()));
		exchange(replies, "malformed header", 401, null,
				() -> http().get("/api/admin", "Authorization: Bearer " + this.token + ",9"));
		exchange(replies, "two Authorization headers", 401, null,
				() -> http().get("/api/admin", "Authorization: Bearer " + this.token, "Authorization: Bearer " + this.token + "a"));
		assertThat(this.endpoint.findAll(postRequestedFor(anyUrl())))
			.allSatisfy((request) -> assertThat(request.getHeader("Content-Type")).startsWith(requestContentType()));
		endpointDown();
		exchange(replies, "endpoint down", 503, null, () -> http().bearer("/api/admin", this.token + "b"));
		Thread.sleep(300); // let Tomcat finish logging the last exchange
		List<String> records = records(output.getAll().substring(mark));

		assertThat(records).as("TRACE was on").anyMatch((record) -> record.contains(" TRACE "));
		assertThat(records).as("the starter's DEBUG line for the refused token")
			.anyMatch((record) -> record.contains("Token inactive"));
		assertThat(records).as("the starter's lines for the other providers' tokens")
			.anyMatch((record) -> record.contains("Claim 'acr'"))
			.anyMatch((record) -> record.contains("identity provider 'tokenx' is not enabled"))
			.anyMatch((record) -> record.contains("Token refused without asking the endpoint: its issuer"));
		List<String> leaks = new ArrayList<>();
		List<String> tomcat = new ArrayList<>();
		for (String record : records) {
			for (String secret : SECRETS) {
				if (record.contains(secret)) {
					if (TOMCAT_RAW_REQUEST_LOGGER.equals(logger(record)) && secret.equals("leakcanary0token")) {
						tomcat.add(record);
					}
					else {
						leaks.add("[" + secret + "] " + record);
					}
				}
			}
		}
		assertThat(leaks).as("log records naming a token or claim value").isEmpty();
		if (stack() == Stack.SERVLET) {
			// Netty prints no raw request (its decoder's log filters header values).
			assertThat(tomcat).as("Tomcat prints raw requests at DEBUG, as SECURITY.md says; if this changed, update it")
				.isNotEmpty();
		}
		replies.forEach((name, reply) -> assertThat(SECRETS).as(name + ": answer")
			.noneMatch((secret) -> reply.raw().contains(secret)));
		for (Meter meter : this.meterRegistry.getMeters()) {
			for (Tag tag : meter.getId().getTags()) {
				assertThat(SECRETS).as("metric " + meter.getId()).noneMatch((secret) -> tag.getValue().contains(secret));
			}
		}
		assertThat(this.meterRegistry.find("http.server.requests").meters()).as("metrics were recorded").isNotEmpty();
	}

	/** The content type the starter sends introspection requests with, in this test's context. */
	abstract String requestContentType();

	private void exchange(Map<String, RawHttp.Reply> replies, String name, int status, Object answer,
			Supplier<RawHttp.Reply> request) {
		if (answer instanceof Answer given) {
			answer(given.status(), given.body());
		}
		else if (answer instanceof String body) {
			answer(200, body);
		}
		RawHttp.Reply reply = request.get();
		assertThat(reply.status()).as(name + ": " + reply.raw()).isEqualTo(status);
		replies.put(name, reply);
	}

	static String active(String groups) {
		return "{\"active\":true,\"exp\":4102444800,\"iat\":1730977293,\"nbf\":1730977293,\"name\":\"Kari Leakcanary\","
				+ "\"NAVident\":\"Z990077\",\"preferred_username\":\"kari.leakcanary@example.no\",\"groups\":" + groups
				+ ",\"oid\":\"5f0d7e3a-0000-4000-8000-0000000leak2\",\"sub\":\"Xj3nJfZrLeakcanarySubject\","
				+ "\"azp\":\"3b1c0f2e-0000-4000-8000-0000000leak3\",\"azp_name\":\"dev-gcp:leak-team:leakcanary-frontend\","
				+ "\"tid\":\"tenantleakcanary\",\"scp\":\"defaultaccess\"}";
	}

	/** A TokenX or ID-porten citizen, at a level the starter does not know (so it warns, by claim name). */
	static String citizen(String pid, String clientId) {
		return "{\"active\":true,\"exp\":4102444800,\"iat\":1730977293,\"sub\":\"Xj3nJfZrLeakcanarySubject\","
				+ "\"pid\":\"" + pid + "\",\"acr\":\"idporten-loa-leakcanary\"," + clientId + "}";
	}

	/** A Maskinporten organisation with a scope. */
	static String organisation() {
		return "{\"active\":true,\"exp\":4102444800,\"iat\":1730977293,\"scope\":\"nav:leakcanary/cases.read\","
				+ "\"consumer\":{\"authority\":\"iso6523-actorid-upis\",\"ID\":\"0192:998877665\"}}";
	}

	static String groups(String... ids) {
		return "[\"" + String.join("\",\"", ids) + "\"]";
	}

	/** Log records: a line starting with a timestamp, with the lines that follow it (messages, stack traces). */
	static List<String> records(String log) {
		List<String> records = new ArrayList<>();
		StringBuilder record = null;
		for (String line : log.lines().toList()) {
			if (RECORD_START.matcher(line).find() || record == null) {
				if (record != null) {
					records.add(record.toString());
				}
				record = new StringBuilder(line);
			}
			else {
				record.append('\n').append(line);
			}
		}
		if (record != null) {
			records.add(record.toString());
		}
		return records;
	}

	static String logger(String record) {
		Matcher matcher = LOGGER.matcher(record);
		return matcher.find() ? matcher.group(1) : "";
	}

	record Answer(int status, String body) {
	}

}
