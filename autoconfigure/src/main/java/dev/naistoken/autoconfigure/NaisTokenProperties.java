package dev.naistoken.autoconfigure;

import java.net.URI;
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
 * @param providers The identity providers whose tokens are accepted, each by its issuer. On NAIS the
 * platform sets the issuers of the providers enabled in the manifest; set one here to override it.
 * @param rules The start-up check of the application's access rules.
 */
@ConfigurationProperties("nais.token")
public record NaisTokenProperties(@DefaultValue("true") boolean enabled, @DefaultValue Introspection introspection,
		@DefaultValue Authorities authorities, Map<String, String> groups,
		@DefaultValue("false") boolean exposeInactiveReason, @DefaultValue Providers providers,
		@DefaultValue Rules rules) {

	/**
	 * Creates the properties, as the binder does; absent group aliases become an empty map.
	 * @param enabled whether the starter secures the application
	 * @param introspection how tokens are sent to the endpoint
	 * @param authorities prefixes of the authorities granted
	 * @param groups group aliases, alias to object id
	 * @param exposeInactiveReason whether the endpoint's reason goes to the client
	 * @param providers the issuers of the identity providers whose tokens are accepted
	 * @param rules the start-up check of the access rules
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
	 * when a group alias or its id is wrong
	 */
	public NaisTokenProperties {
		groups = (groups != null) ? Map.copyOf(groups) : Map.of();
		NaisTokenPropertyChecks.groups(groups);
	}

	/**
	 * How tokens are sent to the introspection endpoint.
	 *
	 * @param endpoint URL of the introspection endpoint. On NAIS the platform sets it in the
	 * NAIS_TOKEN_INTROSPECTION_ENDPOINT environment variable, which binds here without a placeholder.
	 * @param identityProvider Identity provider every token is validated against when no issuer is known
	 * (no platform variable, no nais.token.providers.*.issuer). When issuers are known, each token goes to
	 * the provider of its issuer, and Entra ID tokens are sent under this name if it names Entra ID.
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
	public record Introspection(@Nullable URI endpoint, @DefaultValue("azuread") IdentityProvider identityProvider,
			@DefaultValue("form") RequestFormat requestFormat, @DefaultValue("1s") Duration connectTimeout,
			@DefaultValue("2s") Duration readTimeout, @DefaultValue Cache cache,
			@DefaultValue("false") boolean allowInsecureRemote, @DefaultValue("false") boolean keepInternalClaims) {

		/**
		 * Creates the settings, as the binder does, and checks them.
		 * @param endpoint the endpoint's URL
		 * @param identityProvider the identity provider
		 * @param requestFormat the request body's encoding
		 * @param connectTimeout the connect timeout
		 * @param readTimeout the read timeout
		 * @param cache the cache's settings
		 * @param allowInsecureRemote whether plain http to another machine is accepted
		 * @param keepInternalClaims whether Entra ID's internal claims are kept
		 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
		 * when a value is wrong
		 */
		public Introspection {
			NaisTokenPropertyChecks.timeouts(connectTimeout, readTimeout);
			NaisTokenPropertyChecks.endpoint(endpoint, allowInsecureRemote);
		}

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

		/**
		 * Creates the settings, as the binder does, and checks them.
		 * @param enabled whether active tokens are remembered
		 * @param maxSize the most tokens remembered
		 * @param maxTtl the longest a token is remembered
		 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
		 * when a value is wrong
		 */
		public Cache {
			NaisTokenPropertyChecks.cache(maxSize, maxTtl);
		}

	}

	/**
	 * The prefixes of the authorities granted from the token's claims. A claim value never becomes an
	 * authority without its prefix, and no prefix may equal or start another.
	 *
	 * @param groupPrefix Prefix of the authority granted for each id in the groups claim and for each
	 * alias of one.
	 * @param rolePrefix Prefix of the authority granted for each value in the roles claim.
	 * @param scopePrefix Prefix of the authority granted for each space-separated value in the scp claim
	 * (Entra ID) and in the scope claim (Maskinporten).
	 * @param providerPrefix Prefix of the authority that names the identity provider of every token, as
	 * in PROVIDER_entra_id, PROVIDER_tokenx, PROVIDER_idporten, PROVIDER_maskinporten.
	 * @param levelPrefix Prefix of the level-of-assurance authorities of TokenX and ID-porten tokens, as in
	 * LOA_high and LOA_substantial. A token at level high gets both.
	 */
	public record Authorities(@DefaultValue("GROUP_") String groupPrefix, @DefaultValue("ROLE_") String rolePrefix,
			@DefaultValue("SCOPE_") String scopePrefix, @DefaultValue("PROVIDER_") String providerPrefix,
			@DefaultValue("LOA_") String levelPrefix) {

		/**
		 * Creates the prefixes, as the binder does, and checks them.
		 * @param groupPrefix prefix of group authorities
		 * @param rolePrefix prefix of role authorities
		 * @param scopePrefix prefix of scope authorities
		 * @param providerPrefix prefix of the identity provider's authority
		 * @param levelPrefix prefix of level-of-assurance authorities
		 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
		 * when a prefix is empty or equals or starts another
		 */
		public Authorities {
			NaisTokenPropertyChecks.prefixes(groupPrefix, rolePrefix, scopePrefix, providerPrefix, levelPrefix);
		}

	}

	/**
	 * The identity providers whose tokens are accepted. A provider is accepted when its issuer is known:
	 * set here, or else taken from the variable the platform sets when the manifest enables it.
	 *
	 * @param entraId Entra ID.
	 * @param tokenx TokenX.
	 * @param idporten ID-porten.
	 * @param maskinporten Maskinporten.
	 */
	public record Providers(@DefaultValue Provider entraId, @DefaultValue Provider tokenx,
			@DefaultValue Provider idporten, @DefaultValue Provider maskinporten) {

	}

	/**
	 * One identity provider.
	 *
	 * @param issuer Issuer (iss) of the provider's tokens; a token whose iss equals it is sent to this
	 * provider. Unset: the platform's variable (AZURE_OPENID_CONFIG_ISSUER, TOKEN_X_ISSUER,
	 * IDPORTEN_ISSUER or MASKINPORTEN_ISSUER). Empty: the provider's tokens are not accepted, whatever
	 * the platform sets.
	 */
	public record Provider(@Nullable String issuer) {

	}

	/**
	 * The start-up check of the application's access rules ({@code @RequireGroup}, {@code @PreAuthorize}
	 * literals, {@code @RequireProvider}): a misspelt alias fails closed, 403 for everyone, and only a
	 * positive test would notice.
	 *
	 * @param check What a rule naming an unknown group alias or a provider with no accepted issuer does at
	 * start-up: fail stops the application, warn logs it at WARN, off skips the check.
	 */
	public record Rules(@DefaultValue("fail") Check check) {

	}

	/** What the start-up rule check does with a rule it cannot satisfy. */
	public enum Check {

		/** Start-up fails, naming each rule at fault. */
		FAIL,

		/** Each rule at fault is logged at WARN; the application starts. */
		WARN,

		/** No check. */
		OFF

	}

}
