package dev.naistoken.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.naistoken.introspection.IntrospectionMisconfiguredException;
import dev.naistoken.introspection.IntrospectionUnavailableException;

/**
 * Answers 503 when the endpoint could not check a token, and 500 when the application is misconfigured.
 * <p>
 * Spring Security rethrows an introspection failure out of its bearer-token filter as an
 * {@link AuthenticationServiceException}; left alone, the container logs a stack trace and forwards to
 * a secured {@code /error} page that answers 401 — telling a client with a good token that it is bad.
 * Sitting just before that filter, this one turns the failure into the honest status. The cause was
 * logged where it happened; the body names no token detail.
 *
 * @since 0.1.0
 */
public final class IntrospectionFailureFilter extends OncePerRequestFilter {

	private static final byte[] UNAVAILABLE = problem(503, "Service Unavailable",
			"The access token could not be checked right now. Try again shortly.");

	private static final byte[] MISCONFIGURED = problem(500, "Internal Server Error",
			"Access tokens cannot be checked: the service is misconfigured. Its log says how to fix it.");

	/**
	 * Creates the filter; it holds no state.
	 */
	public IntrospectionFailureFilter() {
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (AuthenticationServiceException ex) {
			Throwable cause = ex.getCause();
			if (response.isCommitted()) {
				throw ex;
			}
			if (cause instanceof IntrospectionUnavailableException) {
				response.setHeader("Retry-After", "1");
				write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, UNAVAILABLE);
			}
			else if (cause instanceof IntrospectionMisconfiguredException) {
				write(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, MISCONFIGURED);
			}
			else {
				throw ex;
			}
		}
	}

	private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
		response.resetBuffer();
		response.setStatus(status);
		response.setHeader("Cache-Control", "no-store");
		response.setContentType("application/problem+json");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	private static byte[] problem(int status, String title, String detail) {
		return ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
				+ detail + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
