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

import dev.naistoken.introspection.IdentityProvider;

/**
 * An introspected token: the identity provider that judged it, every claim the endpoint returned
 * ({@code exp}, {@code iat}, {@code nbf} as {@link Instant}, arrays as {@link List}, objects as
 * {@link Map}), and typed access to the claims NAIS applications decide on. Each helper reads a claim
 * only for the provider whose contract defines it (Entra ID's {@code groups}, TokenX's {@code pid},
 * Maskinporten's {@code consumer}...), and answers empty or {@code null} for the others.
 * <p>
 * {@link #toString()} names no claim value (least of all {@link #pid()}, a national identity number):
 * Spring Security logs the authentication, and with it the principal, at DEBUG and TRACE.
 *
 * @since 0.1.0
 */
public final class NaisTokenPrincipal implements OAuth2AuthenticatedPrincipal, OAuth2TokenIntrospectionClaimAccessor,
		Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/** ISO 6523 code of Norwegian organisation numbers, as Maskinporten's {@code consumer.ID} starts. */
	private static final String NORWEGIAN_ORGANISATION = "0192:";

	/** The claims, typed. */
	private final Map<String, Object> claims;

	/** The authorities granted. */
	private final Collection<GrantedAuthority> authorities;

	/** The configured aliases of the token's groups. */
	private final Set<String> groupAliases;

	/** The provider that judged the token, canonical. */
	private final IdentityProvider provider;

	/**
	 * Creates the principal of an Entra ID token.
	 * @param claims the claims, already typed; kept as given, so pass an unmodifiable map
	 * @param authorities the authorities granted
	 * @param groupAliases the configured aliases of the groups the token holds
	 */
	public NaisTokenPrincipal(Map<String, Object> claims, Collection<? extends GrantedAuthority> authorities,
			Set<String> groupAliases) {
		this(IdentityProvider.ENTRA_ID, claims, authorities, groupAliases);
	}

	/**
	 * Creates a principal; the authentication converter does, once per request, with what the claims
	 * grant.
	 * @param provider the identity provider that judged the token
	 * @param claims the claims, already typed; kept as given, so pass an unmodifiable map
	 * @param authorities the authorities granted
	 * @param groupAliases the configured aliases of the groups the token holds
	 */
	public NaisTokenPrincipal(IdentityProvider provider, Map<String, Object> claims,
			Collection<? extends GrantedAuthority> authorities, Set<String> groupAliases) {
		this.provider = provider.canonical();
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
	 * The identity provider that judged the token, under its canonical name: {@link IdentityProvider#ENTRA_ID}
	 * for Entra ID whichever name the application sends.
	 * @return the provider
	 */
	public IdentityProvider provider() {
		return this.provider;
	}

	/**
	 * The citizen's national identity number ({@code pid}) of a TokenX or ID-porten token. Personal data:
	 * never log it, put it in a metric or send it to another system that does not need it.
	 * @return the number, or {@code null} for other providers or when absent
	 */
	public @Nullable String pid() {
		return isCitizen() ? stringClaim("pid") : null;
	}

	/**
	 * The level of assurance of a TokenX or ID-porten token, from {@code acr} (both spellings).
	 * @return the level, or {@code null} for other providers or an {@code acr} that names no level
	 */
	public @Nullable LevelOfAssurance levelOfAssurance() {
		return isCitizen() ? LevelOfAssurance.fromAcr(this.claims.get("acr")) : null;
	}

	/**
	 * The organisation number of a Maskinporten token's consumer: {@code consumer.ID}
	 * {@code 0192:<orgno>} gives {@code <orgno>}.
	 * @return the organisation number, or {@code null} for other providers or a {@code consumer} of
	 * another shape
	 */
	public @Nullable String organisationNumber() {
		if (this.provider != IdentityProvider.MASKINPORTEN
				|| !(this.claims.get("consumer") instanceof Map<?, ?> consumer)
				|| !(consumer.get("ID") instanceof String id) || !id.startsWith(NORWEGIAN_ORGANISATION)) {
			return null;
		}
		String number = id.substring(NORWEGIAN_ORGANISATION.length());
		if (number.isEmpty()) {
			return null;
		}
		for (int i = 0; i < number.length(); i++) {
			if (number.charAt(i) < '0' || number.charAt(i) > '9') {
				return null;
			}
		}
		return number;
	}

	/**
	 * The group object ids in {@code groups} of an Entra ID token; empty when absent or not an array of
	 * strings. Values that are no group object id (group names) are left out, as they grant nothing.
	 * @return the group ids
	 */
	public List<String> groups() {
		if (!isEntraId()) {
			return List.of();
		}
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
	 * The app roles in {@code roles} of an Entra ID token (app-to-app tokens hold
	 * {@code access_as_application}).
	 * @return the roles; empty when absent or not an array of strings
	 */
	public List<String> roles() {
		return !isEntraId() ? List.of() : stringListOrEmpty(Claims.stringList(this.claims.get("roles")));
	}

	/**
	 * The scopes: Entra ID's delegated scopes in {@code scp} (on-behalf-of tokens hold
	 * {@code defaultaccess}), or Maskinporten's {@code scope}.
	 * @return the scopes; empty when absent, not a string, or the provider has none
	 */
	public List<String> scopes() {
		String name = isEntraId() ? "scp" : (this.provider == IdentityProvider.MASKINPORTEN) ? "scope" : null;
		return (name != null && this.claims.get(name) instanceof String scopes) ? Claims.splitScopes(scopes)
				: List.of();
	}

	/**
	 * The NAV employee ident ({@code NAVident}), present in Entra ID user tokens of the NAV tenant.
	 * @return the ident, or {@code null}
	 */
	public @Nullable String navIdent() {
		return isEntraId() ? stringClaim("NAVident") : null;
	}

	/**
	 * The calling application: Entra ID's {@code azp_name} or TokenX's {@code client_id}, both
	 * {@code cluster:namespace:app} for platform-made clients. Entra ID's name is not unique: authorize
	 * on {@link #consumerClientId()} when it matters.
	 * @return the name, or {@code null} for ID-porten, Maskinporten (see {@link #organisationNumber()})
	 * or when absent
	 */
	public @Nullable String consumer() {
		return switch (this.provider) {
			case AZUREAD, ENTRA_ID -> stringClaim("azp_name");
			case TOKENX -> stringClaim("client_id");
			case IDPORTEN, MASKINPORTEN -> null;
		};
	}

	/**
	 * The consumer's client id ({@code azp}) of an Entra ID token.
	 * @return the client id, or {@code null}
	 */
	public @Nullable String consumerClientId() {
		return isEntraId() ? stringClaim("azp") : null;
	}

	/**
	 * Whether no person is behind the token: an Entra ID app-to-app token ({@code idtyp} is {@code app}),
	 * or any Maskinporten token (an organisation's machine). TokenX and ID-porten tokens carry a citizen.
	 * @return {@code true} for an app-to-app token
	 */
	public boolean isApp() {
		return switch (this.provider) {
			case AZUREAD, ENTRA_ID -> "app".equals(this.claims.get("idtyp"));
			case MASKINPORTEN -> true;
			case TOKENX, IDPORTEN -> false;
		};
	}

	private boolean isEntraId() {
		return this.provider == IdentityProvider.ENTRA_ID;
	}

	private boolean isCitizen() {
		return this.provider == IdentityProvider.TOKENX || this.provider == IdentityProvider.IDPORTEN;
	}

	private @Nullable String stringClaim(String name) {
		return (this.claims.get(name) instanceof String value) ? value : null;
	}

	private static List<String> stringListOrEmpty(@Nullable List<String> values) {
		return (values != null) ? values : List.of();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		// By content: the unmodifiable view of the authorities compares by identity.
		return (other instanceof NaisTokenPrincipal that) && this.provider == that.provider
				&& this.claims.equals(that.claims) && this.authorities.size() == that.authorities.size()
				&& this.authorities.containsAll(that.authorities);
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
		return "NaisTokenPrincipal[provider=" + this.provider.wireValue() + ", app=" + isApp() + ", claims=" + this.claims.size() + ", authorities="
				+ this.authorities.size() + "]";
	}
}
