package dev.naistoken.introspection;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * The claims of an active token and the identity provider that judged it, as the introspector hands
 * them to Spring Security's {@code OpaqueTokenAuthenticationConverter}, which builds the principal the
 * application sees, with its authorities, once. Grants nothing itself.
 * <p>
 * Public so that whatever else produces an introspected token (the test kit's {@code @WithNaisToken},
 * an application's own introspector) can say which provider it came from; the starter's converter
 * reads {@link #provider()} and treats any other principal as a token of the configured provider.
 *
 * @since 0.1.0
 */
public final class IntrospectedPrincipal implements OAuth2AuthenticatedPrincipal, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Map<String, Object> claims;

	private final IdentityProvider provider;

	/**
	 * Creates a principal.
	 * @param claims the claims as {@link IntrospectionResponseReader} reads them (dates as
	 * {@link java.time.Instant}); kept as given, so pass an unmodifiable map
	 * @param provider the identity provider the endpoint checked the token against
	 */
	public IntrospectedPrincipal(Map<String, Object> claims, IdentityProvider provider) {
		this.claims = claims;
		this.provider = provider;
	}

	/**
	 * The identity provider the endpoint checked the token against, as sent ({@link IdentityProvider#AZUREAD}
	 * or {@link IdentityProvider#ENTRA_ID} for Entra ID).
	 * @return the provider
	 */
	public IdentityProvider provider() {
		return this.provider;
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
		return "IntrospectedPrincipal[provider=" + this.provider.wireValue() + ", claims=" + this.claims.size() + "]";
	}

}
