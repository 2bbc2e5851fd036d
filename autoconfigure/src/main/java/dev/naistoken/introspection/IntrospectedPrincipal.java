package dev.naistoken.introspection;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * The claims of an active token, as the introspector hands them to Spring Security's
 * {@code OpaqueTokenAuthenticationConverter}, which builds the principal the application sees, with its
 * authorities, once. Grants nothing itself.
 */
final class IntrospectedPrincipal implements OAuth2AuthenticatedPrincipal, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Map<String, Object> claims;

	IntrospectedPrincipal(Map<String, Object> claims) {
		this.claims = claims;
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.claims;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of();
	}

	/**
	 * The subject ({@code sub}), as Spring Security's own introspected principal is named; the principal
	 * the application sees is the converter's.
	 */
	@Override
	public String getName() {
		return (this.claims.get("sub") instanceof String sub) ? sub : "";
	}

	/** Names no claim value. */
	@Override
	public String toString() {
		return "IntrospectedPrincipal[claims=" + this.claims.size() + "]";
	}

}
