package dev.naistoken.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.RequestFormat;

/**
 * Configuration of the NAIS token starter ({@code nais.token.*}).
 *
 * @param enabled whether the starter secures the application; {@code false} turns every part of it off
 * @param introspection how tokens are sent to the introspection endpoint
 * @param authorities the prefixes of the authorities granted from the token's claims
 * @param groups readable aliases for Entra ID group object ids (alias: object id); a token in the group
 * gets {@code GROUP_<alias>} as well as {@code GROUP_<object id>}
 * @param exposeInactiveReason whether the endpoint's reason for refusing a token goes to the client in
 * {@code error_description}; off by default, as the reason helps an attacker more than a user
 */
@ConfigurationProperties("nais.token")
public record NaisTokenProperties(@DefaultValue("true") boolean enabled, @DefaultValue Introspection introspection,
		@DefaultValue Authorities authorities, Map<String, String> groups,
		@DefaultValue("false") boolean exposeInactiveReason) {

	public NaisTokenProperties {
		groups = (groups != null) ? Map.copyOf(groups) : Map.of();
	}

	/**
	 * How tokens are sent to the introspection endpoint.
	 *
	 * @param endpoint URL of the introspection endpoint; on NAIS the platform sets it in
	 * {@code NAIS_TOKEN_INTROSPECTION_ENDPOINT}, which binds here without a placeholder
	 * @param identityProvider identity provider every token is validated against
	 * @param requestFormat encoding of the request body: form ({@code application/x-www-form-urlencoded}) or
	 * json
	 * @param connectTimeout how long to wait for a connection to the endpoint
	 * @param readTimeout how long to wait for the endpoint's answer; past it the request gets 503
	 * @param cache the cache of active tokens
	 */
	public record Introspection(@Nullable String endpoint, @DefaultValue("azuread") IdentityProvider identityProvider,
			@DefaultValue("form") RequestFormat requestFormat, @DefaultValue("1s") Duration connectTimeout,
			@DefaultValue("2s") Duration readTimeout, @DefaultValue Cache cache) {

	}

	/**
	 * The cache of active tokens: the endpoint verifies every token again, so without it every request
	 * pays a round trip.
	 *
	 * @param enabled whether active tokens are remembered until they expire
	 * @param maxSize the most tokens remembered at once
	 * @param maxTtl the longest a token is remembered; never past its {@code exp}
	 */
	public record Cache(@DefaultValue("true") boolean enabled, @DefaultValue("10000") int maxSize,
			@DefaultValue("5m") Duration maxTtl) {

	}

	/**
	 * The prefixes of the authorities granted from the token's claims. A claim value never becomes an
	 * authority without its prefix.
	 *
	 * @param groupPrefix prefix of an authority granted for each id in {@code groups} and each alias of one
	 * @param rolePrefix prefix of an authority granted for each value in {@code roles}
	 * @param scopePrefix prefix of an authority granted for each space-separated value in {@code scp}
	 */
	public record Authorities(@DefaultValue("GROUP_") String groupPrefix, @DefaultValue("ROLE_") String rolePrefix,
			@DefaultValue("SCOPE_") String scopePrefix) {

	}

}
