package dev.naistoken.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Requests to the application under test as a client sends them, headers byte for byte.
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
			try {
				return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (HttpTimeoutException ex) {
				// Seen twice in full runs on Netty: a request on a kept-alive connection got no answer. Once more
				// on a fresh client (a fresh connection): a server that really does not answer still fails here.
				System.err.println("HttpResponses: no answer from port " + port + " within 20 s on a kept-alive"
						+ " connection; asking once more on a new connection");
				return HttpClient.newBuilder()
					.version(HttpClient.Version.HTTP_1_1)
					.build()
					.send(request.build(), HttpResponse.BodyHandlers.ofString());
			}
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
