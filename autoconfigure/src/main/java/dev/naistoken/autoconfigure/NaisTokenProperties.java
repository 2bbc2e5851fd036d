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
 * <p>
 * The {@code @param} texts below are what an IDE shows for each property (the configuration processor
 * copies them into {@code spring-configuration-metadata.json}), so they are plain sentences without
 * Javadoc tags.
 *
 * @param enabled Whether the starter secures the application. False turns every part of it off.
 * @param introspection How tokens are sent to the introspection endpoint.
 * @param authorities Prefixes of the authorities granted from a token's claims.
 * @param groups Readable aliases for Entra ID group object ids, as alias: object id. A token in the
 * group gets GROUP_alias as well as GROUP_object-id. Alias names hold lowercase letters and digits
 * only, so that NAIS_TOKEN_GROUPS_ALIAS overrides one per environment; ids are UUIDs.
 * @param exposeInactiveReason Whether the endpoint's reason for refusing a token goes to the client in
 * error_description. Off by default, as the reason helps an attacker more than a user.
 */
@ConfigurationProperties("nais.token")
public record NaisTokenProperties(@DefaultValue("true") boolean enabled, @DefaultValue Introspection introspection,
		@DefaultValue Authorities authorities, Map<String, String> groups,
		@DefaultValue("false") boolean exposeInactiveReason) {

	/**
	 * Creates the properties, as the binder does; absent group aliases become an empty map.
	 * @param enabled whether the starter secures the application
	 * @param introspection how tokens are sent to the endpoint
	 * @param authorities prefixes of the authorities granted
	 * @param groups group aliases, alias to object id
	 * @param exposeInactiveReason whether the endpoint's reason goes to the client
	 */
	public NaisTokenProperties {
		groups = (groups != null) ? Map.copyOf(groups) : Map.of();
	}

	/**
	 * How tokens are sent to the introspection endpoint.
	 *
	 * @param endpoint URL of the introspection endpoint. On NAIS the platform sets it in the
	 * NAIS_TOKEN_INTROSPECTION_ENDPOINT environment variable, which binds here without a placeholder.
	 * @param identityProvider Identity provider every token is validated against.
	 * @param requestFormat Encoding of the request body sent to the endpoint.
	 * @param connectTimeout How long to wait for a connection to the endpoint.
	 * @param readTimeout How long to wait for the endpoint's answer. Past it the request gets 503.
	 * @param cache Cache of active tokens.
	 * @param allowInsecureRemote Whether a plain http endpoint on another machine is accepted. Off by
	 * default, as tokens would cross the network unencrypted and anyone on the way could answer for the
	 * endpoint; plain http to a loopback address or localhost is always accepted.
	 * @param keepInternalClaims Whether Entra ID's internal claims aio and rh are kept in the principal
	 * and the cache. Off by default: Microsoft documents them as internal, for resources to ignore, and
	 * these opaque per-token values are the largest part of a cached token's memory.
	 */
	public record Introspection(@Nullable String endpoint, @DefaultValue("azuread") IdentityProvider identityProvider,
			@DefaultValue("form") RequestFormat requestFormat, @DefaultValue("1s") Duration connectTimeout,
			@DefaultValue("2s") Duration readTimeout, @DefaultValue Cache cache,
			@DefaultValue("false") boolean allowInsecureRemote, @DefaultValue("false") boolean keepInternalClaims) {

	}

	/**
	 * The cache of active tokens: the endpoint verifies every token again, so without it every request
	 * pays a round trip.
	 *
	 * @param enabled Whether active tokens are remembered until they expire.
	 * @param maxSize Most tokens remembered at once.
	 * @param maxTtl Longest a token is remembered. Never past its exp claim.
	 */
	public record Cache(@DefaultValue("true") boolean enabled, @DefaultValue("10000") int maxSize,
			@DefaultValue("5m") Duration maxTtl) {

	}

	/**
	 * The prefixes of the authorities granted from the token's claims. A claim value never becomes an
	 * authority without its prefix, and no prefix may equal or start another.
	 *
	 * @param groupPrefix Prefix of the authority granted for each id in the groups claim and for each
	 * alias of one.
	 * @param rolePrefix Prefix of the authority granted for each value in the roles claim.
	 * @param scopePrefix Prefix of the authority granted for each space-separated value in the scp claim.
	 */
	public record Authorities(@DefaultValue("GROUP_") String groupPrefix, @DefaultValue("ROLE_") String rolePrefix,
			@DefaultValue("SCOPE_") String scopePrefix) {

	}

}
