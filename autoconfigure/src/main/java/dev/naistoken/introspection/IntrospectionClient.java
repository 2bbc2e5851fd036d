package dev.naistoken.introspection;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP call to the introspection endpoint, and nothing else: what the answer means is
 * {@link IntrospectionResponseReader}'s job.
 * <p>
 * One {@link HttpClient} per instance keeps keep-alive connections to the loopback endpoint pooled.
 * The body is written as bytes by this class (not handed to a converter that logs it), so the token
 * appears in no log line at any level. Plain HTTP/1.1: the endpoint is a loopback sidecar, and an
 * HTTP/2 upgrade attempt would only cost a round trip.
 */
public final class IntrospectionClient {

	/** Answers larger than this are not the endpoint's contract (a claims set is a few KiB). */
	public static final int MAX_RESPONSE_BYTES = 256 * 1024;

	private final HttpClient http;

	private final URI endpoint;

	private final RequestFormat format;

	private final Duration readTimeout;

	/**
	 * Creates a client for one endpoint.
	 * @param endpoint the endpoint's URL, as in {@code NAIS_TOKEN_INTROSPECTION_ENDPOINT}
	 * @param format how the request body is encoded
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for the answer once the request is sent
	 */
	public IntrospectionClient(URI endpoint, RequestFormat format, Duration connectTimeout, Duration readTimeout) {
		this.endpoint = endpoint;
		this.format = format;
		this.readTimeout = readTimeout;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * Posts one token to the endpoint.
	 * @param provider the identity provider the token should be validated against
	 * @param token the bearer token
	 * @return the status and body as received
	 * @throws IntrospectionUnavailableException when no complete answer arrived in time
	 */
	public Response post(IdentityProvider provider, String token) {
		HttpRequest request = HttpRequest.newBuilder(this.endpoint)
			.timeout(this.readTimeout)
			.header("Content-Type", contentType())
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body(provider, token)))
			.build();
		try {
			HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			return new Response(response.statusCode(), readBounded(response));
		}
		catch (HttpConnectTimeoutException ex) {
			throw new IntrospectionUnavailableException("connection to the introspection endpoint timed out", ex);
		}
		catch (HttpTimeoutException ex) {
			throw new IntrospectionUnavailableException(
					"the introspection endpoint did not answer within " + this.readTimeout.toMillis() + " ms", ex);
		}
		catch (ConnectException ex) {
			throw new IntrospectionUnavailableException("the introspection endpoint refused the connection", ex);
		}
		catch (IOException ex) {
			throw new IntrospectionUnavailableException(
					"I/O error talking to the introspection endpoint (" + ex.getClass().getSimpleName() + ")", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IntrospectionUnavailableException("interrupted while waiting for the introspection endpoint",
					ex);
		}
	}

	private String contentType() {
		return (this.format == RequestFormat.JSON) ? "application/json"
				: "application/x-www-form-urlencoded";
	}

	byte[] body(IdentityProvider provider, String token) {
		String body = (this.format == RequestFormat.JSON)
				? "{\"identity_provider\":\"" + provider.wireValue() + "\",\"token\":\"" + jsonEscape(token) + "\"}"
				: "identity_provider=" + provider.wireValue() + "&token="
						+ URLEncoder.encode(token, StandardCharsets.UTF_8);
		return body.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] readBounded(HttpResponse<InputStream> response) throws IOException {
		long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
		try (InputStream in = response.body()) {
			if (declared > MAX_RESPONSE_BYTES) {
				throw tooLarge();
			}
			byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
			if (bytes.length > MAX_RESPONSE_BYTES) {
				throw tooLarge();
			}
			return bytes;
		}
	}

	private static IntrospectionUnavailableException tooLarge() {
		return new IntrospectionUnavailableException(
				"the introspection endpoint's answer is larger than " + MAX_RESPONSE_BYTES + " bytes");
	}

	private static String jsonEscape(String value) {
		StringBuilder out = null;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\' || c < 0x20) {
				if (out == null) {
					out = new StringBuilder(value.length() + 16).append(value, 0, i);
				}
				out.append(String.format("\\u%04x", (int) c));
			}
			else if (out != null) {
				out.append(c);
			}
		}
		return (out != null) ? out.toString() : value;
	}

	/**
	 * What the endpoint sent back.
	 * @param status the HTTP status
	 * @param body the body, at most {@link #MAX_RESPONSE_BYTES} bytes
	 */
	public record Response(int status, byte[] body) {
	}

}
