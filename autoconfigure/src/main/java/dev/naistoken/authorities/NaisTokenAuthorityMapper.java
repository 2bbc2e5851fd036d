package dev.naistoken.authorities;

import java.util.ArrayList;
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

import dev.naistoken.logging.RateLimitedLog;

/**
 * What an Entra ID token's claims grant: {@code groups} → {@code GROUP_<id>} and {@code GROUP_<alias>},
 * {@code roles} → {@code ROLE_<role>}, {@code scp} → {@code SCOPE_<scope>}. A {@code groups} value that
 * is no group object id (a group name) grants nothing: names are user-creatable, and one named like an
 * alias would otherwise get the alias's authority.
 * <p>
 * Free of servlet and blocking types, so every stack and the test kit share it. A claim of the wrong
 * shape grants nothing and is reported at WARN by name and type only, never by value. A token with
 * the groups-overage marker gets no group authorities: "member of no group" must not be read into a
 * list Entra ID left out. The warnings go through a {@link RateLimitedLog} (once a minute per cause),
 * as every token from the same issuer would repeat them.
 */
public final class NaisTokenAuthorityMapper {

	private static final Log logger = LogFactory.getLog(NaisTokenAuthorityMapper.class);

	private final RateLimitedLog warnings = new RateLimitedLog(logger);

	private final String groupPrefix;

	private final String rolePrefix;

	private final String scopePrefix;

	private final Map<String, List<String>> aliasesByGroupId;

	/**
	 * Creates a mapper.
	 * @param groupPrefix prefix of group authorities, e.g. {@code GROUP_}
	 * @param rolePrefix prefix of role authorities, e.g. {@code ROLE_}
	 * @param scopePrefix prefix of scope authorities, e.g. {@code SCOPE_}
	 * @param groupIdsByAlias readable names for group object ids, alias → id
	 */
	public NaisTokenAuthorityMapper(String groupPrefix, String rolePrefix, String scopePrefix,
			Map<String, String> groupIdsByAlias) {
		this.groupPrefix = groupPrefix;
		this.rolePrefix = rolePrefix;
		this.scopePrefix = scopePrefix;
		Map<String, List<String>> aliases = new HashMap<>();
		// Keyed in lowercase: a UUID's hex digits mean the same in either case, and Entra ID sends lowercase.
		groupIdsByAlias.forEach((alias, id) -> aliases
			.computeIfAbsent(id.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>(1))
			.add(alias));
		aliases.replaceAll((id, names) -> List.copyOf(names));
		this.aliasesByGroupId = Map.copyOf(aliases);
	}

	/**
	 * The authorities and group aliases the claims grant.
	 * @param claims the token's claims
	 * @return what they grant; never {@code null}
	 */
	public Grant map(Map<String, Object> claims) {
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		Set<String> aliases = new LinkedHashSet<>();
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
		Object scp = claims.get("scp");
		if (scp instanceof String scopes) {
			for (String scope : Claims.splitScopes(scopes)) {
				authorities.add(new SimpleGrantedAuthority(this.scopePrefix + scope));
			}
		}
		else if (scp != null) {
			warnWrongType("scp", scp, "a space-separated string");
		}
		return new Grant(authorities, aliases);
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
