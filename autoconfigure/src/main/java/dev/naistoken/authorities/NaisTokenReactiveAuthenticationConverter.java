package dev.naistoken.authorities;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenAuthenticationConverter;

/**
 * The reactive stack's converter: the application's {@link OpaqueTokenAuthenticationConverter} (the
 * starter's {@link NaisTokenAuthenticationConverter} unless replaced), so both stacks and
 * {@code @WithNaisToken} grant the same authorities from the same claims. The mapping does no I/O, so
 * it runs on the calling thread.
 *
 * @since 0.1.0
 */
public final class NaisTokenReactiveAuthenticationConverter implements ReactiveOpaqueTokenAuthenticationConverter {

	private final OpaqueTokenAuthenticationConverter converter;

	/**
	 * Creates a converter.
	 * @param converter the one mapping of claims to authorities
	 */
	public NaisTokenReactiveAuthenticationConverter(OpaqueTokenAuthenticationConverter converter) {
		this.converter = converter;
	}

	@Override
	public Mono<Authentication> convert(String introspectedToken, OAuth2AuthenticatedPrincipal authenticatedPrincipal) {
		return Mono.fromSupplier(() -> this.converter.convert(introspectedToken, authenticatedPrincipal));
	}

}
