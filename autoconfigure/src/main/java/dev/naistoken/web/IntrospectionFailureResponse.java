package dev.naistoken.web;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import dev.naistoken.introspection.IntrospectionMisconfiguredException;
import dev.naistoken.introspection.IntrospectionUnavailableException;

/**
 * The answer to a request whose token could not be checked, the same on every stack: 503 with
 * {@code Retry-After: 1} when the endpoint could not say, 500 when the application is misconfigured;
 * an {@code application/problem+json} body that names no token detail, and {@code Cache-Control:
 * no-store}.
 *
 * @param status the HTTP status
 * @param retryAfter the {@code Retry-After} value, or {@code null} for none
 * @param body the problem document
 * @since 0.1.0
 */
public record IntrospectionFailureResponse(int status, @Nullable String retryAfter, byte[] body) {

	/** The content type of {@link #body()}. */
	public static final String CONTENT_TYPE = "application/problem+json";

	private static final IntrospectionFailureResponse UNAVAILABLE = new IntrospectionFailureResponse(503, "1",
			problem(503, "Service Unavailable", "The access token could not be checked right now. Try again shortly."));

	private static final IntrospectionFailureResponse MISCONFIGURED = new IntrospectionFailureResponse(500, null,
			problem(500, "Internal Server Error",
					"Access tokens cannot be checked: the service is misconfigured. Its log says how to fix it."));

	/**
	 * The answer for the cause of an authentication failure.
	 * @param cause what the introspector threw
	 * @return the answer, or {@code null} when the failure is no introspection failure
	 */
	public static @Nullable IntrospectionFailureResponse of(@Nullable Throwable cause) {
		if (cause instanceof IntrospectionUnavailableException) {
			return UNAVAILABLE;
		}
		return (cause instanceof IntrospectionMisconfiguredException) ? MISCONFIGURED : null;
	}

	private static byte[] problem(int status, String title, String detail) {
		return ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
				+ detail + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
