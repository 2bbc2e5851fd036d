package dev.naistoken.authorities;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.logging.RateLimitedLog;

/**
 * What a token's claims grant, by the identity provider that judged it. Every token:
 * {@code PROVIDER_<name>} ({@code entra_id}, {@code tokenx}, {@code idporten}, {@code maskinporten}).
 * Entra ID: {@code groups} → {@code GROUP_<id>} and {@code GROUP_<alias>}, {@code roles} →
 * {@code ROLE_<role>}, {@code scp} → {@code SCOPE_<scope>}. TokenX and ID-porten: {@code acr} →
 * {@code LOA_high} and {@code LOA_substantial}, or {@code LOA_substantial} ({@link LevelOfAssurance}).
 * Maskinporten: {@code scope} → {@code SCOPE_<scope>}. A claim is read only for the provider whose
 * contract defines it, so a claim another provider happens to carry grants nothing. A {@code groups}
 * value that is no group object id (a group name) grants nothing: names are user-creatable, and one
 * named like an alias would otherwise get the alias's authority.
 * <p>
 * Free of servlet and blocking types, so every stack and the test kit share it. A claim of the wrong
 * shape grants nothing and is reported at WARN by name and type only, never by value. A token with
 * the groups-overage marker gets no group authorities: "member of no group" must not be read into a
 * list Entra ID left out. The warnings go through a {@link RateLimitedLog} (once a minute per cause),
 * as every token from the same issuer would repeat them.
 */
public final class NaisTokenAuthorityMapper {

	private static final Log logger = LogFactory.getLog(NaisTokenAuthorityMapper.class);

	/** The provider prefix when none is configured: {@code PROVIDER_entra_id}. */
	public static final String DEFAULT_PROVIDER_PREFIX = "PROVIDER_";

	/** The level prefix when none is configured: {@code LOA_high}. */
	public static final String DEFAULT_LEVEL_PREFIX = "LOA_";

	private final RateLimitedLog warnings = new RateLimitedLog(logger);

	private final String groupPrefix;

	private final String rolePrefix;

	private final String scopePrefix;

	private final Map<String, List<String>> aliasesByGroupId;

	/** {@code PROVIDER_<name>} per provider, built once. */
	private final Map<IdentityProvider, GrantedAuthority> providerAuthorities;

	/** The level authorities each level grants, itself and the levels below it, built once. */
	private final Map<LevelOfAssurance, List<GrantedAuthority>> levelAuthorities;

	/**
	 * Creates a mapper with the default provider and level prefixes ({@code PROVIDER_}, {@code LOA_}).
	 * @param groupPrefix prefix of group authorities, e.g. {@code GROUP_}
	 * @param rolePrefix prefix of role authorities, e.g. {@code ROLE_}
	 * @param scopePrefix prefix of scope authorities, e.g. {@code SCOPE_}
	 * @param groupIdsByAlias readable names for group object ids, alias → id
	 */
	public NaisTokenAuthorityMapper(String groupPrefix, String rolePrefix, String scopePrefix,
			Map<String, String> groupIdsByAlias) {
		this(groupPrefix, rolePrefix, scopePrefix, DEFAULT_PROVIDER_PREFIX, DEFAULT_LEVEL_PREFIX, groupIdsByAlias);
	}

	/**
	 * Creates a mapper.
	 * @param groupPrefix prefix of group authorities, e.g. {@code GROUP_}
	 * @param rolePrefix prefix of role authorities, e.g. {@code ROLE_}
	 * @param scopePrefix prefix of scope authorities (Entra ID {@code scp}, Maskinporten {@code scope}),
	 * e.g. {@code SCOPE_}
	 * @param providerPrefix prefix of the identity provider's authority, e.g. {@code PROVIDER_}
	 * @param levelPrefix prefix of level-of-assurance authorities, e.g. {@code LOA_}
	 * @param groupIdsByAlias readable names for group object ids, alias → id
	 */
	public NaisTokenAuthorityMapper(String groupPrefix, String rolePrefix, String scopePrefix, String providerPrefix,
			String levelPrefix, Map<String, String> groupIdsByAlias) {
		this.groupPrefix = groupPrefix;
		this.rolePrefix = rolePrefix;
		this.scopePrefix = scopePrefix;
		Map<IdentityProvider, GrantedAuthority> providers = new EnumMap<>(IdentityProvider.class);
		for (IdentityProvider provider : IdentityProvider.values()) {
			providers.put(provider, new SimpleGrantedAuthority(providerPrefix + provider.canonical().wireValue()));
		}
		this.providerAuthorities = providers;
		Map<LevelOfAssurance, List<GrantedAuthority>> levels = new EnumMap<>(LevelOfAssurance.class);
		for (LevelOfAssurance level : LevelOfAssurance.values()) {
			List<GrantedAuthority> granted = new ArrayList<>();
			for (LevelOfAssurance included : LevelOfAssurance.values()) {
				if (level.includes(included)) {
					granted.add(new SimpleGrantedAuthority(levelPrefix + included.authorityName()));
				}
			}
			levels.put(level, List.copyOf(granted));
		}
		this.levelAuthorities = levels;
		Map<String, List<String>> aliases = new HashMap<>();
		// Keyed in lowercase: a UUID's hex digits mean the same in either case, and Entra ID sends lowercase.
		groupIdsByAlias.forEach((alias, id) -> aliases
			.computeIfAbsent(id.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>(1))
			.add(alias));
		aliases.replaceAll((id, names) -> List.copyOf(names));
		this.aliasesByGroupId = Map.copyOf(aliases);
	}

	/**
	 * The authorities and group aliases the claims of an Entra ID token grant.
	 * @param claims the token's claims
	 * @return what they grant; never {@code null}
	 */
	public Grant map(Map<String, Object> claims) {
		return map(claims, IdentityProvider.ENTRA_ID);
	}

	/**
	 * The authorities and group aliases the claims grant, read as the provider's contract defines them.
	 * @param claims the token's claims
	 * @param provider the identity provider that judged the token
	 * @return what they grant; never {@code null}
	 */
	public Grant map(Map<String, Object> claims, IdentityProvider provider) {
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		authorities.add(this.providerAuthorities.get(provider));
		switch (provider) {
			case AZUREAD, ENTRA_ID -> {
				Set<String> aliases = new LinkedHashSet<>();
				mapEntraId(claims, authorities, aliases);
				return new Grant(authorities, aliases);
			}
			case TOKENX, IDPORTEN -> mapLevel(claims, authorities);
			case MASKINPORTEN -> mapScopes(claims, "scope", authorities);
		}
		return new Grant(authorities, Set.of());
	}

	private void mapLevel(Map<String, Object> claims, Set<GrantedAuthority> authorities) {
		Object acr = claims.get("acr");
		if (acr == null) {
			return;
		}
		LevelOfAssurance level = LevelOfAssurance.fromAcr(acr);
		if (level != null) {
			authorities.addAll(this.levelAuthorities.get(level));
		}
		else if (acr instanceof String) {
			this.warnings.warn("Claim 'acr' names no level of assurance this starter knows (idporten-loa-substantial, "
					+ "idporten-loa-high, Level3, Level4): no level authority granted");
		}
		else {
			warnWrongType("acr", acr, "a string");
		}
	}

	private void mapScopes(Map<String, Object> claims, String name, Set<GrantedAuthority> authorities) {
		Object value = claims.get(name);
		if (value instanceof String scopes) {
			for (String scope : Claims.splitScopes(scopes)) {
				authorities.add(new SimpleGrantedAuthority(this.scopePrefix + scope));
			}
		}
		else if (value != null) {
			warnWrongType(name, value, "a space-separated string");
		}
	}

	private void mapEntraId(Map<String, Object> claims, Set<GrantedAuthority> authorities, Set<String> aliases) {
		if (hasGroupsOverage(claims)) {
			this.warnings.warn("Token carries Entra ID's groups-overage marker (_claim_names/hasgroups) instead of "
					+ "'groups': no group authorities granted. Assign the user fewer groups, or list the groups "
					+ "the application needs under spec.azure.application.claims.groups in the NAIS manifest");
		}
		else {
			boolean notAnId = false;
			for (String id : strings(claims, "groups")) {
				if (!isGroupObjectId(id)) {
					notAnId = true;
					continue;
				}
				authorities.add(new SimpleGrantedAuthority(this.groupPrefix + id));
				for (String alias : this.aliasesByGroupId.getOrDefault(id.toLowerCase(Locale.ROOT), List.of())) {
					authorities.add(new SimpleGrantedAuthority(this.groupPrefix + alias));
					aliases.add(alias);
				}
			}
			if (notAnId) {
				this.warnings.warn("Claim 'groups' holds a value that is no group object id (UUID), such as a group "
						+ "name: that value grants nothing. Let Entra ID send group ids, as NAIS configures it to");
			}
		}
		for (String role : strings(claims, "roles")) {
			authorities.add(new SimpleGrantedAuthority(this.rolePrefix + role));
		}
		mapScopes(claims, "scp", authorities);
	}

	/**
	 * Whether a value is a group object id as Entra ID writes it: a UUID in its canonical
	 * 8-4-4-4-12 hexadecimal form, in either case. Group names, which Entra ID can send instead and
	 * which users can create, never are, so one can never pose as an alias or another group's id.
	 * @param value a value of the {@code groups} claim or a configured id
	 * @return whether it is a group object id
	 */
	public static boolean isGroupObjectId(String value) {
		if (value.length() != 36) {
			return false;
		}
		for (int i = 0; i < 36; i++) {
			char c = value.charAt(i);
			boolean valid = (i == 8 || i == 13 || i == 18 || i == 23) ? c == '-'
					: (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
			if (!valid) {
				return false;
			}
		}
		return true;
	}

	private List<String> strings(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		if (value == null) {
			return List.of();
		}
		List<String> strings = Claims.stringList(value);
		if (strings == null) {
			warnWrongType(name, value, "an array of strings");
			return List.of();
		}
		return strings;
	}

	private static boolean hasGroupsOverage(Map<String, Object> claims) {
		if (claims.containsKey("hasgroups")) {
			return true;
		}
		return (claims.get("_claim_names") instanceof Map<?, ?> names) && names.containsKey("groups");
	}

	private void warnWrongType(String name, @Nullable Object value, String expected) {
		this.warnings.warn("Claim '" + name + "' is " + Claims.typeOf(value, expected) + ", expected " + expected
				+ ": it grants no authorities");
	}

	/**
	 * What a token's claims grant.
	 * @param authorities the authorities, prefixed
	 * @param groupAliases the configured aliases of the token's groups
	 */
	public record Grant(Set<GrantedAuthority> authorities, Set<String> groupAliases) {
	}

}
