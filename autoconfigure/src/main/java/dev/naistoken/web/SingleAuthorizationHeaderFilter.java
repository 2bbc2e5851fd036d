package dev.naistoken.web;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request that carries more than one {@code Authorization} header, before any token reaches
 * the endpoint.
 * <p>
 * HTTP allows one such header; Spring Security reads only the first and ignores the rest, so a proxy
 * or gateway that looks at another one would disagree with the application about who is calling. The
 * answer is the one for any other malformed {@code Authorization} header: 401 {@code invalid_request}.
 *
 * @since 0.1.0
 */
public final class SingleAuthorizationHeaderFilter extends OncePerRequestFilter {

	private final AuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();

	/**
	 * Creates the filter; it holds no state.
	 */
	public SingleAuthorizationHeaderFilter() {
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Enumeration<String> values = request.getHeaders(HttpHeaders.AUTHORIZATION);
		if (values != null && values.hasMoreElements()) {
			values.nextElement();
			if (values.hasMoreElements()) {
				this.entryPoint.commence(request, response, new OAuth2AuthenticationException(AuthorizationHeaderRules.SEVERAL));
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
