package dev.naistoken.rules;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import dev.naistoken.authorities.LevelOfAssurance;
import dev.naistoken.authorities.NaisTokenAuthorityMapper;
import dev.naistoken.authorities.NaisTokenPrincipal;
import dev.naistoken.introspection.IdentityProvider;

/**
 * What the ready-made rule annotations evaluate, as bean {@value #BEAN_NAME} in their
 * {@code @PreAuthorize} templates: each method takes the caller and the annotation's values, joined by
 * commas as Spring Security's template expansion writes an array, and answers whether any of them holds.
 * Through this bean the rules honour the application's {@code nais.token.authorities.*-prefix}, which a
 * fixed {@code hasAuthority('GROUP_...')} template could not.
 * <p>
 * Fails closed: no caller, an empty value or text the template left unexpanded (a {@code {value}}
 * placeholder) never passes.
 */
public final class NaisTokenRules {

	/** The bean's name, as the annotations' templates call it ({@code @naisTokenRules}). */
	public static final String BEAN_NAME = "naisTokenRules";

	private final String groupPrefix;

	private final String rolePrefix;

	private final String scopePrefix;

	private final String providerPrefix;

	private final String levelPrefix;

	/**
	 * Creates the rules with the application's authority prefixes.
	 * @param groupPrefix prefix of group authorities, e.g. {@code GROUP_}
	 * @param rolePrefix prefix of role authorities, e.g. {@code ROLE_}
	 * @param scopePrefix prefix of scope authorities, e.g. {@code SCOPE_}
	 * @param providerPrefix prefix of provider authorities, e.g. {@code PROVIDER_}
	 * @param levelPrefix prefix of level-of-assurance authorities, e.g. {@code LOA_}
	 */
	public NaisTokenRules(String groupPrefix, String rolePrefix, String scopePrefix, String providerPrefix,
			String levelPrefix) {
		this.groupPrefix = groupPrefix;
		this.rolePrefix = rolePrefix;
		this.scopePrefix = scopePrefix;
		this.providerPrefix = providerPrefix;
		this.levelPrefix = levelPrefix;
	}

	/**
	 * Whether the caller is in any of the groups.
	 * @param authentication the caller
	 * @param groups aliases or group object ids, comma-separated
	 * @return whether any holds
	 */
	public boolean anyGroup(@Nullable Authentication authentication, String groups) {
		List<String> names = names(groups);
		for (String name : names) {
			// A group object id matches in either case: Entra ID sends lowercase, a rule may be written in upper.
			boolean id = NaisTokenAuthorityMapper.isGroupObjectId(name);
			if (has(authentication, this.groupPrefix, name, id)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the caller has any of the app roles.
	 * @param authentication the caller
	 * @param roles role names, comma-separated
	 * @return whether any holds
	 */
	public boolean anyRole(@Nullable Authentication authentication, String roles) {
		return any(authentication, this.rolePrefix, roles);
	}

	/**
	 * Whether the caller has any of the scopes (Entra ID {@code scp}, Maskinporten {@code scope}).
	 * @param authentication the caller
	 * @param scopes scope names, comma-separated
	 * @return whether any holds
	 */
	public boolean anyScope(@Nullable Authentication authentication, String scopes) {
		return any(authentication, this.scopePrefix, scopes);
	}

	/**
	 * Whether the caller's token comes from any of the providers.
	 * @param authentication the caller
	 * @param providers {@link IdentityProvider} names, comma-separated
	 * @return whether any holds
	 */
	public boolean anyProvider(@Nullable Authentication authentication, String providers) {
		for (String name : names(providers)) {
			IdentityProvider provider = provider(name);
			if (provider != null && has(authentication, this.providerPrefix, providerAuthority(provider), false)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the caller's token has at least the level of assurance: {@code HIGH} passes a rule for
	 * {@code SUBSTANTIAL}, as the converter grants both authorities for it.
	 * @param authentication the caller
	 * @param level the level's name, e.g. {@code HIGH}
	 * @return whether it holds
	 */
	public boolean atLeastLevel(@Nullable Authentication authentication, String level) {
		List<String> names = names(level);
		LevelOfAssurance required = (names.size() == 1) ? level(names.get(0)) : null;
		return required != null && has(authentication, this.levelPrefix, required.authorityName(), false);
	}

	/**
	 * Whether the caller is any of the applications ({@code cluster:namespace:app}): Entra ID's
	 * {@code azp_name}, TokenX's {@code client_id}.
	 * @param authentication the caller
	 * @param consumers applications, comma-separated
	 * @return whether any holds
	 */
	public boolean anyConsumer(@Nullable Authentication authentication, String consumers) {
		if (authentication == null || !(authentication.getPrincipal() instanceof NaisTokenPrincipal principal)) {
			return false;
		}
		String consumer = principal.consumer();
		return consumer != null && names(consumers).contains(consumer);
	}

	String groupPrefix() {
		return this.groupPrefix;
	}

	String rolePrefix() {
		return this.rolePrefix;
	}

	String scopePrefix() {
		return this.scopePrefix;
	}

	String providerPrefix() {
		return this.providerPrefix;
	}

	String levelPrefix() {
		return this.levelPrefix;
	}

	/**
	 * The authority name of a provider without its prefix: Entra ID under both of its names is
	 * {@code entra_id}.
	 * @param provider the provider
	 * @return the name, e.g. {@code tokenx}
	 */
	static String providerAuthority(IdentityProvider provider) {
		return provider.canonical().wireValue();
	}

	static @Nullable IdentityProvider provider(String name) {
		for (IdentityProvider provider : IdentityProvider.values()) {
			if (provider.name().equals(name)) {
				return provider;
			}
		}
		return null;
	}

	static @Nullable LevelOfAssurance level(String name) {
		for (LevelOfAssurance level : LevelOfAssurance.values()) {
			if (level.name().equals(name)) {
				return level;
			}
		}
		return null;
	}

	private boolean any(@Nullable Authentication authentication, String prefix, String values) {
		for (String name : names(values)) {
			if (has(authentication, prefix, name, false)) {
				return true;
			}
		}
		return false;
	}

	private static boolean has(@Nullable Authentication authentication, String prefix, String name,
			boolean ignoreCase) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return false;
		}
		for (GrantedAuthority granted : authentication.getAuthorities()) {
			String authority = granted.getAuthority();
			if (authority != null && authority.length() == prefix.length() + name.length()
					&& authority.startsWith(prefix)
					&& authority.regionMatches(ignoreCase, prefix.length(), name, 0, name.length())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The names in a template's expanded value; none when the value is empty or still a placeholder
	 * (template expansion off), so such a rule never passes.
	 */
	static List<String> names(@Nullable String values) {
		List<String> names = new ArrayList<>();
		if (values == null || values.indexOf('{') >= 0 || values.indexOf('}') >= 0) {
			return names;
		}
		for (String value : values.split(",", -1)) {
			String name = value.trim();
			if (!name.isEmpty()) {
				names.add(name);
			}
		}
		return names;
	}

}
