package dev.naistoken.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.naistoken.authorities.NaisTokenAuthorityMapper;

/**
 * Checks {@link NaisTokenProperties} once at start-up, so a wrong value fails fast with a message that
 * names the property and the fix, instead of surfacing as a 401 or 500 on the first request.
 */
final class NaisTokenSettings {

	static final String ENDPOINT = "nais.token.introspection.endpoint";

	static final String ALLOW_INSECURE_REMOTE = "nais.token.introspection.allow-insecure-remote";

	private static final String TURN_OFF = "or set nais.token.enabled=false to turn the starter off";

	private NaisTokenSettings() {
	}

	static URI endpoint(NaisTokenProperties properties) {
		String endpoint = properties.introspection().endpoint();
		if (endpoint == null || endpoint.isBlank()) {
			throw new NaisTokenConfigurationException(ENDPOINT, "is not set, so no token can be checked",
					"On NAIS the platform sets NAIS_TOKEN_INTROSPECTION_ENDPOINT when Entra ID is enabled in the "
							+ "manifest (spec.azure.application.enabled: true). Elsewhere set " + ENDPOINT
							+ " (or the NAIS_TOKEN_INTROSPECTION_ENDPOINT environment variable) to the endpoint's URL, "
							+ TURN_OFF);
		}
		try {
			URI uri = new URI(endpoint.trim());
			if ("https".equals(uri.getScheme()) && uri.getHost() != null) {
				return uri;
			}
			if ("http".equals(uri.getScheme()) && uri.getHost() != null) {
				if (!loopback(uri.getHost()) && !properties.introspection().allowInsecureRemote()) {
					throw new NaisTokenConfigurationException(ENDPOINT, "is a plain http URL to " + uri.getHost()
							+ ", which is not this machine: tokens would cross the network unencrypted, and anyone on "
							+ "the way could answer for the endpoint",
							"Use an https URL, or the endpoint on loopback (such as "
									+ "http://127.0.0.1:7164/api/v1/introspect). If the network in between is trusted, set "
									+ ALLOW_INSECURE_REMOTE + "=true");
				}
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		throw new NaisTokenConfigurationException(ENDPOINT, "is not an http(s) URL",
				"Set it to the endpoint's URL, such as http://127.0.0.1:7164/api/v1/introspect, " + TURN_OFF);
	}

	/**
	 * Whether a URL's host is this machine, judged from the text alone: {@code localhost}, an IPv4
	 * literal in 127.0.0.0/8 or {@code [::1]}. Any other name is not resolved (DNS could say anything),
	 * so it counts as another machine.
	 */
	static boolean loopback(String host) {
		if ("localhost".equalsIgnoreCase(host)) {
			return true;
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			try {
				// a bracketed host is an IPv6 literal, parsed without a lookup
				return InetAddress.getByName(host).isLoopbackAddress();
			}
			catch (UnknownHostException ex) {
				return false;
			}
		}
		String[] octets = host.split("\\.", -1);
		if (octets.length != 4 || !"127".equals(octets[0])) {
			return false;
		}
		for (String octet : octets) {
			if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)
					|| Integer.parseInt(octet) > 255) {
				return false;
			}
		}
		return true;
	}

	static void check(NaisTokenProperties properties) {
		NaisTokenProperties.Introspection introspection = properties.introspection();
		positive("nais.token.introspection.connect-timeout", introspection.connectTimeout());
		positive("nais.token.introspection.read-timeout", introspection.readTimeout());
		positive("nais.token.introspection.cache.max-ttl", introspection.cache().maxTtl());
		if (introspection.cache().maxSize() < 1) {
			throw new NaisTokenConfigurationException("nais.token.introspection.cache.max-size",
					"must be at least 1", "Set a positive size, or nais.token.introspection.cache.enabled=false");
		}
		NaisTokenProperties.Authorities authorities = properties.authorities();
		prefix("nais.token.authorities.group-prefix", authorities.groupPrefix());
		prefix("nais.token.authorities.role-prefix", authorities.rolePrefix());
		prefix("nais.token.authorities.scope-prefix", authorities.scopePrefix());
		distinctPrefixes("nais.token.authorities.role-prefix", authorities.rolePrefix(),
				"nais.token.authorities.group-prefix", authorities.groupPrefix());
		distinctPrefixes("nais.token.authorities.scope-prefix", authorities.scopePrefix(),
				"nais.token.authorities.group-prefix", authorities.groupPrefix());
		distinctPrefixes("nais.token.authorities.scope-prefix", authorities.scopePrefix(),
				"nais.token.authorities.role-prefix", authorities.rolePrefix());
		for (Map.Entry<String, String> alias : new TreeMap<>(properties.groups()).entrySet()) {
			if (alias.getValue() == null || alias.getValue().isBlank()) {
				throw new NaisTokenConfigurationException("nais.token.groups." + alias.getKey(),
						"has no group object id", "Set it to the group's object id from Entra ID, or remove the alias");
			}
			groupAlias(alias.getKey(), alias.getValue());
		}
	}

	/**
	 * A prefix that equals or starts another would let a value of one claim pose as an authority of the
	 * other (a role {@code GROUP_<id>} as a group, say).
	 */
	private static void distinctPrefixes(String property, String prefix, String otherProperty, String other) {
		if (prefix.startsWith(other) || other.startsWith(prefix)) {
			String relation = prefix.equals(other) ? "the same as" : prefix.startsWith(other) ? "starting with"
					: "the start of";
			throw new NaisTokenConfigurationException(property,
					"is '" + prefix + "', " + relation + " " + otherProperty + " '" + other
							+ "', so a value of one claim could pose as an authority from the other",
					"Give each claim a prefix that neither equals nor starts another one, such as the defaults "
							+ "GROUP_, ROLE_ and SCOPE_");
		}
	}

	/**
	 * An alias must be a name that an environment variable can override, and must not look like a group
	 * object id; its id must be one.
	 */
	private static void groupAlias(String alias, String id) {
		String property = "nais.token.groups." + alias;
		if (NaisTokenAuthorityMapper.isGroupObjectId(alias)) {
			throw new NaisTokenConfigurationException(property,
					"names an alias like a group object id, so GROUP_" + alias + " would be that group's authority",
					"Give the alias a readable name of lowercase letters and digits, such as admins");
		}
		if (!isAliasName(alias)) {
			String name = alias.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
			name = name.isEmpty() ? "admins" : name;
			String variable = "NAIS_TOKEN_GROUPS_" + alias.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
			throw new NaisTokenConfigurationException(property,
					"names an alias with characters other than lowercase letters and digits",
					"Name it with lowercase letters and digits only, such as " + name + ", in application.yaml, in "
							+ "rules (hasAuthority('GROUP_" + name + "')) and in environment variables (NAIS_TOKEN_GROUPS_"
							+ name.toUpperCase(Locale.ROOT) + "). Only such a name survives the way through an "
							+ "environment variable: Spring Boot lowercases the variable's name and reads each '_' as "
							+ "'.', so " + variable + " binds as alias "
							+ variable.substring("NAIS_TOKEN_GROUPS_".length()).toLowerCase(Locale.ROOT).replace('_', '.'));
		}
		if (!NaisTokenAuthorityMapper.isGroupObjectId(id)) {
			throw new NaisTokenConfigurationException(property,
					"is '" + id + "', which is not a group object id (a UUID such as "
							+ "6a1f3c2e-0000-4000-8000-000000000001)",
					"Copy the group's Object Id from Entra ID (Azure portal, Groups) or the NAIS console. It must be "
							+ "one of the ids under spec.azure.application.claims.groups in the NAIS manifest, as only "
							+ "those reach the token");
		}
	}

	private static boolean isAliasName(String alias) {
		for (int i = 0; i < alias.length(); i++) {
			char c = alias.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
				return false;
			}
		}
		return !alias.isEmpty();
	}

	private static void positive(String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new NaisTokenConfigurationException(property, "must be a positive duration",
					"Set it to a value such as 2s or 500ms");
		}
	}

	private static void prefix(String property, String value) {
		if (value == null || value.isBlank()) {
			throw new NaisTokenConfigurationException(property, "is empty",
					"Set a prefix (a claim value never becomes an authority without one)");
		}
	}

}
