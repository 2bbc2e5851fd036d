package dev.naistoken.authorities;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenAuthenticationConverter;

import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectedPrincipal;

/**
 * Turns an introspected token into a {@link NaisTokenAuthentication}. One bean of this type serves the
 * starter's filter chain, any chain the application writes, and {@code @WithNaisToken}, so aliases
 * and prefixes apply the same way in production and in tests. The principal is built here, once, with
 * its authorities, from the claims the introspector returned.
 *
 * @since 0.1.0
 */
public final class NaisTokenAuthenticationConverter implements OpaqueTokenAuthenticationConverter {

	private final NaisTokenAuthorityMapper mapper;

	private final IdentityProvider defaultProvider;

	/**
	 * Creates a converter that reads a principal of unknown origin as an Entra ID token.
	 * @param mapper what the claims grant
	 */
	public NaisTokenAuthenticationConverter(NaisTokenAuthorityMapper mapper) {
		this(mapper, IdentityProvider.ENTRA_ID);
	}

	/**
	 * Creates a converter.
	 * @param mapper what the claims grant
	 * @param defaultProvider the provider of a token whose principal does not say which provider judged
	 * it (not an {@link IntrospectedPrincipal}: an application's own introspector, say); the starter
	 * passes {@code nais.token.introspection.identity-provider}
	 */
	public NaisTokenAuthenticationConverter(NaisTokenAuthorityMapper mapper, IdentityProvider defaultProvider) {
		this.mapper = mapper;
		this.defaultProvider = defaultProvider;
	}

	/**
	 * Builds the authentication; the provider that judged the token is the
	 * {@link IntrospectedPrincipal#provider()} (or {@link NaisTokenPrincipal#provider()}) of the principal,
	 * else the default provider.
	 */
	@Override
	public Authentication convert(String introspectedToken, OAuth2AuthenticatedPrincipal authenticatedPrincipal) {
		Map<String, Object> claims = authenticatedPrincipal.getAttributes();
		IdentityProvider provider = providerOf(authenticatedPrincipal);
		NaisTokenAuthorityMapper.Grant grant = this.mapper.map(claims, provider);
		Set<GrantedAuthority> authorities = new LinkedHashSet<>(grant.authorities());
		authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.BEARER_AUTHORITY));
		NaisTokenPrincipal principal = new NaisTokenPrincipal(provider, claims, authorities, grant.groupAliases());
		Instant expiresAt = principal.getExpiresAt();
		Instant issuedAt = principal.getIssuedAt();
		if (issuedAt != null && expiresAt != null && !expiresAt.isAfter(issuedAt)) {
			issuedAt = null;
		}
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, introspectedToken,
				issuedAt, expiresAt);
		return new NaisTokenAuthentication(principal, accessToken, authorities);
	}

	private IdentityProvider providerOf(OAuth2AuthenticatedPrincipal principal) {
		if (principal instanceof IntrospectedPrincipal introspected) {
			return introspected.provider();
		}
		if (principal instanceof NaisTokenPrincipal converted) {
			return converted.provider();
		}
		return this.defaultProvider;
	}

}
