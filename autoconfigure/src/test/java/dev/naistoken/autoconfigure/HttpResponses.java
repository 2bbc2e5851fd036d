package dev.naistoken.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Requests to the application under test as a client sends them, headers byte for byte, on kept-alive
 * connections (which is how a keep-alive stall on Netty was found: see
 * {@code EventLoopTests.aKeepAliveClientGetsEveryAnswerAfterABurstOfUncachedRequests}). A request that gets no
 * answer in 20 s fails the test.
 */
final class HttpResponses {

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private HttpResponses() {
	}

	static HttpResponse<String> get(int port, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(20))
			.GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static HttpResponse<String> getWithToken(int port, String path, String token) {
		return get(port, path, "Authorization", "Bearer " + token);
	}

	static String wwwAuthenticate(HttpResponse<?> response) {
		return response.headers().firstValue("WWW-Authenticate").orElse(null);
	}

}
