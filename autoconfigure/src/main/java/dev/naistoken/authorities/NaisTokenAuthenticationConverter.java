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

	/**
	 * Creates a converter.
	 * @param mapper what the claims grant
	 */
	public NaisTokenAuthenticationConverter(NaisTokenAuthorityMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public Authentication convert(String introspectedToken, OAuth2AuthenticatedPrincipal authenticatedPrincipal) {
		Map<String, Object> claims = authenticatedPrincipal.getAttributes();
		NaisTokenAuthorityMapper.Grant grant = this.mapper.map(claims);
		Set<GrantedAuthority> authorities = new LinkedHashSet<>(grant.authorities());
		authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.BEARER_AUTHORITY));
		NaisTokenPrincipal principal = new NaisTokenPrincipal(claims, authorities, grant.groupAliases());
		Instant expiresAt = principal.getExpiresAt();
		Instant issuedAt = principal.getIssuedAt();
		if (issuedAt != null && expiresAt != null && !expiresAt.isAfter(issuedAt)) {
			issuedAt = null;
		}
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, introspectedToken,
				issuedAt, expiresAt);
		return new NaisTokenAuthentication(principal, accessToken, authorities);
	}

}
