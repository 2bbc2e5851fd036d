package dev.naistoken.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IssuerRouting;

/**
 * The accepted identity providers and their issuers: {@code nais.token.providers.<name>.issuer} when
 * set (empty: not accepted), else the variable the platform sets per provider enabled in the manifest,
 * read through the {@link Environment} like any other property source.
 */
final class NaisTokenIssuers {

	private static final Log logger = LogFactory.getLog(NaisTokenIssuers.class);

	/** The platform's variable per canonical provider, in the order they are listed. */
	private static final Map<IdentityProvider, String> VARIABLES = variables();

	private NaisTokenIssuers() {
	}

	/**
	 * The routing the issuers give, logged once at INFO (names and issuers, nothing secret).
	 * @throws NaisTokenConfigurationException when two providers share an issuer
	 */
	static IssuerRouting routing(NaisTokenProperties properties, Environment environment) {
		IdentityProvider configured = properties.introspection().identityProvider();
		// Entra ID tokens go under the configured name when it names Entra ID, else under the default one.
		IdentityProvider entraId = (configured.canonical() == IdentityProvider.ENTRA_ID) ? configured
				: IdentityProvider.AZUREAD;
		Map<IdentityProvider, String> issuers = new LinkedHashMap<>();
		Map<String, IdentityProvider> byIssuer = new LinkedHashMap<>();
		for (Map.Entry<IdentityProvider, String> variable : VARIABLES.entrySet()) {
			IdentityProvider provider = variable.getKey();
			String issuer = issuer(configured(properties.providers(), provider), environment.getProperty(variable.getValue()));
			if (issuer == null) {
				continue;
			}
			IdentityProvider same = byIssuer.putIfAbsent(issuer, provider);
			if (same != null) {
				throw new NaisTokenConfigurationException(provider.issuerProperty(),
						"is the issuer of " + same.wireValue() + " too, so a token could not be told to go to one of them",
						"Each provider has its own issuer: check " + provider.issuerProperty() + " and "
								+ same.issuerProperty() + " (or the variables " + variable.getValue() + " and "
								+ VARIABLES.get(same) + "), and set the wrong one to the provider's issuer");
			}
			issuers.put((provider == IdentityProvider.ENTRA_ID) ? entraId : provider, issuer);
		}
		IssuerRouting routing = new IssuerRouting(issuers, configured);
		if (logger.isInfoEnabled()) {
			logger.info(describe(routing));
		}
		return routing;
	}

	static String describe(IssuerRouting routing) {
		if (!routing.routesByIssuer()) {
			return "nais-token sends every token to identity provider '" + routing.fallback().wireValue()
					+ "' (nais.token.introspection.identity-provider): no issuer is known ("
					+ String.join(", ", VARIABLES.values()) + " unset, no nais.token.providers.*.issuer)";
		}
		return "nais-token accepts tokens of " + routing.issuers()
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey().canonical().wireValue() + " (issuer " + entry.getValue() + ")")
			.collect(Collectors.joining(", "))
				+ ", each sent to the provider of its issuer; tokens of any other issuer get 401";
	}

	private static NaisTokenProperties.Provider configured(NaisTokenProperties.Providers providers,
			IdentityProvider provider) {
		return switch (provider) {
			case AZUREAD, ENTRA_ID -> providers.entraId();
			case TOKENX -> providers.tokenx();
			case IDPORTEN -> providers.idporten();
			case MASKINPORTEN -> providers.maskinporten();
		};
	}

	/** The property when set, empty included; else the variable; blank means not accepted. */
	private static @Nullable String issuer(NaisTokenProperties.Provider configured, @Nullable String variable) {
		String issuer = (configured.issuer() != null) ? configured.issuer() : variable;
		return (issuer == null || issuer.isBlank()) ? null : issuer.strip();
	}

	private static Map<IdentityProvider, String> variables() {
		Map<IdentityProvider, String> variables = new LinkedHashMap<>();
		variables.put(IdentityProvider.ENTRA_ID, "AZURE_OPENID_CONFIG_ISSUER");
		variables.put(IdentityProvider.TOKENX, "TOKEN_X_ISSUER");
		variables.put(IdentityProvider.IDPORTEN, "IDPORTEN_ISSUER");
		variables.put(IdentityProvider.MASKINPORTEN, "MASKINPORTEN_ISSUER");
		return Collections.unmodifiableMap(variables);
	}

}
