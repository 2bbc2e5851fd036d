package dev.naistoken.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Requests to the application under test as a client sends them, headers byte for byte.
 */
final class HttpResponses {

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private HttpResponses() {
	}

	static HttpResponse<String> get(int port, String path, String... headers) {
		// A bound, so that a server that never answers fails the test by name instead of stalling the build.
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(60))
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
