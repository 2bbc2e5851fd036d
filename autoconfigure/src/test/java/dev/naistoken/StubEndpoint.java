package dev.naistoken;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A small introspection endpoint on loopback for the tests of this module's integrations: it answers
 * each form-encoded token with the status and body set for it (by default {@code active:false}, as the
 * real endpoint answers a token it cannot read), and counts the requests.
 */
public final class StubEndpoint implements AutoCloseable {

	/** A body the real endpoint sends for an active token; {@code exp} far in the future. */
	public static final String ACTIVE = "{\"active\":true,\"sub\":\"subject\",\"exp\":4102444800,\"iat\":1700000000}";

	/** The body the real endpoint sends for a token that is not a JWT. */
	public static final String NOT_A_JWT = "{\"active\":false,\"error\":\"invalid token header: InvalidToken\"}";

	private final HttpServer server;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	/**
	 * Starts an endpoint on a free loopback port.
	 * @throws IOException when no port can be bound
	 */
	public StubEndpoint() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/api/v1/introspect", (exchange) -> {
			this.requests.incrementAndGet();
			String token = tokenOf(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			Answer answer = this.answers.getOrDefault(token, new Answer(200, NOT_A_JWT));
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.status(), body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	/**
	 * Sets the answer to one token.
	 * @param token the token
	 * @param status the HTTP status
	 * @param body the body
	 * @return this endpoint
	 */
	public StubEndpoint answer(String token, int status, String body) {
		this.answers.put(token, new Answer(status, body));
		return this;
	}

	/**
	 * The URL to set as {@code nais.token.introspection.endpoint}.
	 * @return the URL
	 */
	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/api/v1/introspect");
	}

	/**
	 * The property that points the starter here.
	 * @return {@code nais.token.introspection.endpoint=<url>}
	 */
	public String property() {
		return "nais.token.introspection.endpoint=" + url();
	}

	/**
	 * The requests received so far.
	 * @return their count
	 */
	public int requests() {
		return this.requests.get();
	}

	/**
	 * A loopback URL where nothing listens: connections are refused.
	 * @return the URL
	 * @throws IOException when no port can be found
	 */
	public static URI deadUrl() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/api/v1/introspect");
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private static String tokenOf(String form) {
		for (String pair : form.split("&")) {
			if (pair.startsWith("token=")) {
				return URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8);
			}
		}
		return "";
	}

	private record Answer(int status, String body) {
	}

}
