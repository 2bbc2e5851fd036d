package dev.naistoken.authorities;

import java.io.Serial;
import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;

/**
 * The authentication of a request whose token the endpoint found active. A
 * {@link BearerTokenAuthentication}, so everything written for Spring Security's opaque tokens works
 * with it; its {@link #toString()} names neither claims nor authorities, because Spring Security logs
 * it at DEBUG and authorities carry group ids.
 */
public class NaisTokenAuthentication extends BearerTokenAuthentication {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an authenticated token.
	 * @param principal the introspected principal
	 * @param credentials the access token
	 * @param authorities the granted authorities
	 */
	public NaisTokenAuthentication(NaisTokenPrincipal principal, OAuth2AccessToken credentials,
			Collection<? extends GrantedAuthority> authorities) {
		super(principal, credentials, authorities);
	}

	@Override
	public NaisTokenPrincipal getPrincipal() {
		return (NaisTokenPrincipal) super.getPrincipal();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + " [Principal=" + getPrincipal() + ", Authenticated="
				+ isAuthenticated() + ", Authorities=" + getAuthorities().size() + "]";
	}

}
