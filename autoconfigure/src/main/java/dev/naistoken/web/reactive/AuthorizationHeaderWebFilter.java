package dev.naistoken.web.reactive;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.naistoken.web.AuthorizationHeaderRules;

/**
 * Refuses, before any token reaches the endpoint, a request with more than one {@code Authorization}
 * header or with a bearer header that holds no token: 401 {@code invalid_request}, as the servlet stack
 * answers. Spring Security's reactive converter reads only the first header, and calls a malformed one
 * {@code invalid_token}, which tells a client its token went bad when it never sent one.
 *
 * @since 0.1.0
 */
public final class AuthorizationHeaderWebFilter implements WebFilter {

	private final ServerAuthenticationEntryPoint entryPoint = new BearerTokenServerAuthenticationEntryPoint();

	/**
	 * Creates the filter; it holds no state.
	 */
	public AuthorizationHeaderWebFilter() {
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		BearerTokenError error = AuthorizationHeaderRules
			.check(exchange.getRequest().getHeaders().get(HttpHeaders.AUTHORIZATION));
		if (error == null) {
			return chain.filter(exchange);
		}
		return this.entryPoint.commence(exchange, new OAuth2AuthenticationException(error, error.getDescription()));
	}

}
