package dev.naistoken.authorities;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimAccessor;

/**
 * An introspected Entra ID token: every claim the endpoint returned ({@code exp}, {@code iat},
 * {@code nbf} as {@link Instant}, arrays as {@link List}, objects as {@link Map}), and typed access to
 * the claims NAIS applications decide on.
 * <p>
 * {@link #toString()} names no claim value: Spring Security logs the authentication, and with it the
 * principal, at DEBUG and TRACE.
 *
 * @since 0.1.0
 */
public final class NaisTokenPrincipal implements OAuth2AuthenticatedPrincipal, OAuth2TokenIntrospectionClaimAccessor,
		Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The claims, typed. */
	private final Map<String, Object> claims;

	/** The authorities granted. */
	private final Collection<GrantedAuthority> authorities;

	/** The configured aliases of the token's groups. */
	private final Set<String> groupAliases;

	/**
	 * Creates a principal; the authentication converter does, once per request, with what the claims
	 * grant.
	 * @param claims the claims, already typed; kept as given, so pass an unmodifiable map
	 * @param authorities the authorities granted
	 * @param groupAliases the configured aliases of the groups the token holds
	 */
	public NaisTokenPrincipal(Map<String, Object> claims, Collection<? extends GrantedAuthority> authorities,
			Set<String> groupAliases) {
		this.claims = claims;
		this.authorities = Collections.unmodifiableCollection(authorities);
		this.groupAliases = Collections.unmodifiableSet(groupAliases);
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.claims;
	}

	@Override
	public Map<String, Object> getClaims() {
		return this.claims;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.authorities;
	}

	/**
	 * The subject ({@code sub}), else the object id ({@code oid}), else the empty string.
	 */
	@Override
	public String getName() {
		Object sub = this.claims.get("sub");
		if (sub instanceof String s) {
			return s;
		}
		return (this.claims.get("oid") instanceof String oid) ? oid : "";
	}

	/**
	 * The group object ids in {@code groups}; empty when absent or not an array of strings. Values that
	 * are no group object id (group names) are left out, as they grant nothing.
	 * @return the group ids
	 */
	public List<String> groups() {
		List<String> groups = stringListOrEmpty(Claims.stringList(this.claims.get("groups")));
		for (String group : groups) {
			if (!NaisTokenAuthorityMapper.isGroupObjectId(group)) {
				return groups.stream().filter(NaisTokenAuthorityMapper::isGroupObjectId).toList();
			}
		}
		return groups;
	}

	/**
	 * The configured aliases ({@code nais.token.groups}) of the groups this token holds.
	 * @return the aliases
	 */
	public Set<String> groupAliases() {
		return this.groupAliases;
	}

	/**
	 * The app roles in {@code roles} (app-to-app tokens hold {@code access_as_application}).
	 * @return the roles; empty when absent or not an array of strings
	 */
	public List<String> roles() {
		return stringListOrEmpty(Claims.stringList(this.claims.get("roles")));
	}

	/**
	 * The delegated scopes in {@code scp} (on-behalf-of tokens hold {@code defaultaccess}).
	 * @return the scopes; empty when absent or not a string
	 */
	public List<String> scopes() {
		return (this.claims.get("scp") instanceof String scp) ? Claims.splitScopes(scp) : List.of();
	}

	/**
	 * The NAV employee ident ({@code NAVident}), present in user tokens of the NAV tenant.
	 * @return the ident, or {@code null}
	 */
	public @Nullable String navIdent() {
		return stringClaim("NAVident");
	}

	/**
	 * The consumer's name ({@code azp_name}), {@code cluster:namespace:app} for platform-made clients. Not
	 * unique: authorize on {@link #consumerClientId()} when it matters.
	 * @return the name, or {@code null}
	 */
	public @Nullable String consumer() {
		return stringClaim("azp_name");
	}

	/**
	 * The consumer's client id ({@code azp}).
	 * @return the client id, or {@code null}
	 */
	public @Nullable String consumerClientId() {
		return stringClaim("azp");
	}

	/**
	 * Whether the token is app-to-app (client credentials, no user): {@code idtyp} is {@code app}.
	 * @return {@code true} for an app-to-app token
	 */
	public boolean isApp() {
		return "app".equals(this.claims.get("idtyp"));
	}

	private @Nullable String stringClaim(String name) {
		return (this.claims.get(name) instanceof String value) ? value : null;
	}

	private static List<String> stringListOrEmpty(@Nullable List<String> values) {
		return (values != null) ? values : List.of();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof NaisTokenPrincipal that) && this.claims.equals(that.claims)
				&& this.authorities.equals(that.authorities);
	}

	@Override
	public int hashCode() {
		return this.claims.hashCode();
	}

	/**
	 * Names no claim value, only how much there is.
	 */
	@Override
	public String toString() {
		return "NaisTokenPrincipal[app=" + isApp() + ", claims=" + this.claims.size() + ", authorities="
				+ this.authorities.size() + "]";
	}


}
