package dev.naistoken.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.naistoken.introspection.ContractCases;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock introspection endpoint on loopback that answers each token with one case of the contract
 * data: tests name the token by the case it should get.
 */
final class IntrospectionEndpointStub {

	static final String PATH = "/api/v1/introspect";

	private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	IntrospectionEndpointStub() {
		this.server.start();
	}

	WireMockServer server() {
		return this.server;
	}

	void register(DynamicPropertyRegistry registry) {
		registry.add("nais.token.introspection.endpoint", () -> "http://127.0.0.1:" + this.server.port() + PATH);
	}

	/** Answers requests carrying {@code token} with the contract case named {@code caseName}. */
	void answer(String token, String caseName) {
		ContractCases.Response response = ContractCases.response(caseName);
		this.server.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing(token))
			.willReturn(aResponse().withStatus(response.status())
				.withHeader("Content-Type", "application/json")
				.withBody(response.body())));
	}

	/** Answers requests carrying {@code token} with HTTP 200 and this JSON body. */
	void answerJson(String token, String body) {
		this.server.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing(token))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
	}

	/** Resets every connection, as a dead sidecar would. */
	void resetConnections() {
		this.server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
	}

	void reset() {
		this.server.resetAll();
	}

	static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
