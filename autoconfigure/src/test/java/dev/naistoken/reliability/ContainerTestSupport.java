package dev.naistoken.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.naistoken.Stack;
import dev.naistoken.test.FakeTexas;
import dev.naistoken.test.RawSocketEndpoint;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application of {@link ReliabilityApplication} in a real Tomcat on a random port, its introspection
 * endpoint on one loopback port behind which a test puts WireMock, a {@link RawSocketEndpoint} for the
 * faults no HTTP server produces, or nothing (connection refused). Every subclass that adds no configuration of its own shares one
 * cached context. Each test starts with WireMock behind the endpoint, no stubs, and the real time.
 */
@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "nais.token.groups.admins=" + ReliabilityApplication.ADMINS_GROUP_ID,
				"spring.main.banner-mode=off" })
abstract class ContainerTestSupport {

	static final String GENERIC_DESCRIPTION = "The access token is not valid";

	@LocalServerPort
	int port;

	@Autowired
	ReliabilityApplication.TestClock clock;

	WireMockServer endpoint;

	/**
	 * The endpoint's port, below the kernel's ephemeral range: while nothing is behind it the port is
	 * free, and an ephemeral one could meanwhile become the local port of some outgoing connection.
	 */
	private static final int ENDPOINT_PORT = freePort();

	private static WireMockServer wireMock;

	private static RawSocketEndpoint raw;

	static String endpointUrl() {
		return "http://127.0.0.1:" + ENDPOINT_PORT + FakeTexas.PATH;
	}

	/** WireMock behind the endpoint's port, started if it is not, with no stubs and an empty journal. */
	static synchronized WireMockServer wireMockBehindTheEndpoint() {
		if (raw != null) {
			raw.close();
			raw = null;
		}
		if (wireMock == null || !wireMock.isRunning()) {
			wireMock = new WireMockServer(
					WireMockConfiguration.options().bindAddress("127.0.0.1").port(ENDPOINT_PORT).containerThreads(16));
			wireMock.start();
		}
		wireMock.resetAll();
		return wireMock;
	}

	/** Nothing behind the endpoint's port: connections are refused. */
	static synchronized void endpointDown() {
		if (wireMock != null) {
			wireMock.stop();
			wireMock = null;
		}
		if (raw != null) {
			raw.close();
			raw = null;
		}
	}

	/** A raw socket endpoint behind the endpoint's port, doing {@code behaviour} with every connection. */
	static synchronized RawSocketEndpoint rawBehindTheEndpoint(RawSocketEndpoint.Behaviour behaviour) {
		endpointDown();
		raw = new RawSocketEndpoint(ENDPOINT_PORT, behaviour);
		return raw;
	}

	private static int freePort() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = random.nextInt(20000, 32000);
			try (ServerSocket socket = new ServerSocket()) {
				socket.setReuseAddress(true);
				socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
				return port;
			}
			catch (IOException ex) {
				// taken, try another
			}
		}
		throw new IllegalStateException("no free loopback port between 20000 and 32000");
	}

	@DynamicPropertySource
	static void introspectionEndpoint(DynamicPropertyRegistry registry) {
		registry.add("nais.token.introspection.endpoint", () -> endpointUrl());
	}

	@BeforeEach
	void endpointUp() {
		this.endpoint = wireMockBehindTheEndpoint();
		this.clock.reset();
	}

	@AfterEach
	void realTime() {
		this.clock.reset();
	}

	@Autowired
	ApplicationContext context;

	/** The stack the application runs on: Tomcat unless the suite is annotated {@link dev.naistoken.ReactiveStack}. */
	Stack stack() {
		return Stack.of(this.context);
	}

	RawHttp http() {
		return new RawHttp(this.port);
	}

	/** A token no other test uses, so the cache never answers for another test. */
	static String newToken() {
		return "eyJ0eXAiOiJKV1QifQ.rel-" + UUID.randomUUID() + ".c2ln";
	}

	/** The endpoint answers every introspection request with this status and body. */
	void answer(int status, String body) {
		this.endpoint.stubFor(post(urlPathEqualTo(FakeTexas.PATH))
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	/** The endpoint answers every introspection request with HTTP 200 and these bytes. */
	void answer(byte[] body) {
		this.endpoint.stubFor(
				post(urlPathEqualTo(FakeTexas.PATH)).willReturn(aResponse().withStatus(200).withBody(body)));
	}

	/** An active answer for a user in the admins group, expiring at {@code exp} (epoch seconds). */
	static String activeUser(long exp) {
		return "{\"active\":true,\"exp\":" + exp + ",\"iat\":1730977293,\"sub\":\"rel-subject\",\"groups\":[\""
				+ ReliabilityApplication.ADMINS_GROUP_ID + "\"]}";
	}

	static final String ACTIVE_USER = activeUser(4102444800L);

	static final String EXPIRED = "{\"active\":false,\"error\":\"invalid token: ExpiredSignature\"}";

	int introspections() {
		return this.endpoint.findAll(anyRequestedFor(anyUrl())).size();
	}

	static void assertUnavailable(RawHttp.Reply reply) {
		assertThat(reply.status()).as(reply.raw()).isEqualTo(503);
		assertThat(reply.headers("WWW-Authenticate")).as("no challenge: the token is not at fault").isEmpty();
		assertThat(reply.header("Retry-After")).isEqualTo("1");
		assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
		assertThat(reply.header("Cache-Control")).as("no cache keeps the failure").isEqualTo("no-store");
	}

	static void assertMisconfigured(RawHttp.Reply reply) {
		assertThat(reply.status()).as(reply.raw()).isEqualTo(500);
		assertThat(reply.headers("WWW-Authenticate")).isEmpty();
		assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
		assertThat(reply.header("Cache-Control")).as("no cache keeps the failure").isEqualTo("no-store");
	}

	static void assertInvalidToken(RawHttp.Reply reply) {
		assertThat(reply.status()).as(reply.raw()).isEqualTo(401);
		assertThat(reply.headers("WWW-Authenticate")).singleElement()
			.asString()
			.startsWith("Bearer error=\"invalid_token\"")
			.contains("error_description=\"" + GENERIC_DESCRIPTION + "\"");
	}

	static void assertNoToken(RawHttp.Reply reply) {
		assertThat(reply.status()).as(reply.raw()).isEqualTo(401);
		assertThat(reply.headers("WWW-Authenticate")).containsExactly("Bearer");
	}

	static void assertOk(RawHttp.Reply reply, String body) {
		assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
		assertThat(reply.body()).isEqualTo(body);
	}

	static void assertForbidden(RawHttp.Reply reply) {
		assertThat(reply.status()).as(reply.raw()).isEqualTo(403);
		assertThat(reply.headers("WWW-Authenticate")).singleElement()
			.asString()
			.startsWith("Bearer error=\"insufficient_scope\"");
	}

}
