package dev.naistoken.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.filter.OncePerRequestFilter;


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
			IntrospectionFailureResponse answer = IntrospectionFailureResponse.of(ex.getCause());
			if (answer == null || response.isCommitted()) {
				throw ex;
			}
			write(response, answer);
		}
	}

	private static void write(HttpServletResponse response, IntrospectionFailureResponse answer) throws IOException {
		response.resetBuffer();
		response.setStatus(answer.status());
		if (answer.retryAfter() != null) {
			response.setHeader("Retry-After", answer.retryAfter());
		}
		response.setHeader("Cache-Control", "no-store");
		response.setContentType(IntrospectionFailureResponse.CONTENT_TYPE);
		response.setContentLength(answer.body().length);
		response.getOutputStream().write(answer.body());
		response.flushBuffer();
	}

}
