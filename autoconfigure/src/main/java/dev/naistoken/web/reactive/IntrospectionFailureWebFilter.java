package dev.naistoken.web.reactive;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.naistoken.web.IntrospectionFailureResponse;

/**
 * Answers 503 when the endpoint could not check a token, and 500 when the application is
 * misconfigured, as the servlet stack does.
 * <p>
 * Spring Security's reactive authentication filter rethrows an introspection failure as an
 * {@link AuthenticationServiceException}; left alone, WebFlux answers it with a generic 500 (or an
 * error page). Sitting before that filter, this one turns it into the honest status with a problem
 * document that names no token detail. The cause was logged where it happened.
 *
 * @since 0.1.0
 */
public final class IntrospectionFailureWebFilter implements WebFilter {

	/**
	 * Creates the filter; it holds no state.
	 */
	public IntrospectionFailureWebFilter() {
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange).onErrorResume(AuthenticationServiceException.class, (ex) -> {
			IntrospectionFailureResponse answer = IntrospectionFailureResponse.of(ex.getCause());
			ServerHttpResponse response = exchange.getResponse();
			if (answer == null || response.isCommitted()) {
				return Mono.error(ex);
			}
			return write(response, answer);
		});
	}

	private static Mono<Void> write(ServerHttpResponse response, IntrospectionFailureResponse answer) {
		response.setStatusCode(HttpStatus.valueOf(answer.status()));
		HttpHeaders headers = response.getHeaders();
		headers.remove(HttpHeaders.WWW_AUTHENTICATE);
		if (answer.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, answer.retryAfter());
		}
		headers.setCacheControl("no-store");
		headers.setContentType(MediaType.parseMediaType(IntrospectionFailureResponse.CONTENT_TYPE));
		headers.setContentLength(answer.body().length);
		DataBuffer body = response.bufferFactory().wrap(answer.body());
		return response.writeWith(Mono.just(body));
	}

}
