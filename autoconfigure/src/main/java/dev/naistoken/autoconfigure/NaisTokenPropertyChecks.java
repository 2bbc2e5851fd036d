package dev.naistoken.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.naistoken.authorities.NaisTokenAuthorityMapper;

/**
 * The checks of {@link NaisTokenProperties}, run once, when the properties are bound (by the records'
 * constructors): a wrong value fails start-up with Spring Boot's
 * {@link InvalidConfigurationPropertyValueException}, whose reason names what is wrong and the fix,
 * instead of surfacing as a 401 or 500 on the first request. Only the missing endpoint is reported
 * later, when the starter's endpoint client is created, since its fix is the platform's.
 */
final class NaisTokenPropertyChecks {

	static final String ENDPOINT = "nais.token.introspection.endpoint";

	/** The endpoint's URL as the platform writes it, shown in every message that asks for one. */
	static final String EXAMPLE_ENDPOINT = "http://127.0.0.1:7164/api/v1/introspect";

	static final String ALLOW_INSECURE_REMOTE = "nais.token.introspection.allow-insecure-remote";

	private static final String TURN_OFF = "or set nais.token.enabled=false to turn the starter off";

	private NaisTokenPropertyChecks() {
	}

	/** The endpoint, which the platform sets; its absence fails start-up with the platform's fix. */
	static URI endpoint(NaisTokenProperties properties) {
		URI endpoint = properties.introspection().endpoint();
		if (endpoint == null) {
			throw new NaisTokenConfigurationException(ENDPOINT, "is not set, so no token can be checked",
					"On NAIS the platform sets NAIS_TOKEN_INTROSPECTION_ENDPOINT when Entra ID is enabled in the "
							+ "manifest (spec.azure.application.enabled: true). Elsewhere set " + ENDPOINT
							+ " (or the NAIS_TOKEN_INTROSPECTION_ENDPOINT environment variable) to the endpoint's URL, "
							+ TURN_OFF);
		}
		return endpoint;
	}

	/** An http(s) URL with a host; plain http only to this machine unless allowed. */
	static void endpoint(@Nullable URI uri, boolean allowInsecureRemote) {
		if (uri == null) {
			return;
		}
		if ("https".equals(uri.getScheme()) && uri.getHost() != null) {
			return;
		}
		if ("http".equals(uri.getScheme()) && uri.getHost() != null) {
			if (!loopback(uri.getHost()) && !allowInsecureRemote) {
				throw invalid(ENDPOINT, uri, "is a plain http URL to " + uri.getHost()
						+ ", which is not this machine: tokens would cross the network unencrypted, and anyone on "
						+ "the way could answer for the endpoint",
						"Use an https URL, or the endpoint on loopback (such as " + EXAMPLE_ENDPOINT
								+ "). If the network in between is trusted, set "
								+ ALLOW_INSECURE_REMOTE + "=true");
			}
			return;
		}
		throw invalid(ENDPOINT, uri, "is not an http(s) URL",
				"Set it to the endpoint's URL, such as " + EXAMPLE_ENDPOINT + ", " + TURN_OFF);
	}

	private static InvalidConfigurationPropertyValueException invalid(String property, @Nullable Object value,
			String problem, String fix) {
		return new InvalidConfigurationPropertyValueException(property, value, problem + ". " + fix);
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

	static void timeouts(Duration connectTimeout, Duration readTimeout) {
		positive("nais.token.introspection.connect-timeout", connectTimeout);
		positive("nais.token.introspection.read-timeout", readTimeout);
	}

	static void cache(int maxSize, Duration maxTtl) {
		positive("nais.token.introspection.cache.max-ttl", maxTtl);
		if (maxSize < 1) {
			throw invalid("nais.token.introspection.cache.max-size", maxSize, "must be at least 1",
					"Set a positive size, or nais.token.introspection.cache.enabled=false");
		}
	}

	static void prefixes(String groupPrefix, String rolePrefix, String scopePrefix, String providerPrefix,
			String levelPrefix) {
		Map<String, String> prefixes = new LinkedHashMap<>();
		prefixes.put("nais.token.authorities.group-prefix", groupPrefix);
		prefixes.put("nais.token.authorities.role-prefix", rolePrefix);
		prefixes.put("nais.token.authorities.scope-prefix", scopePrefix);
		prefixes.put("nais.token.authorities.provider-prefix", providerPrefix);
		prefixes.put("nais.token.authorities.level-prefix", levelPrefix);
		prefixes.forEach(NaisTokenPropertyChecks::prefix);
		List<Map.Entry<String, String>> entries = List.copyOf(prefixes.entrySet());
		for (int i = 1; i < entries.size(); i++) {
			for (int j = 0; j < i; j++) {
				distinctPrefixes(entries.get(i).getKey(), entries.get(i).getValue(), entries.get(j).getKey(),
						entries.get(j).getValue());
			}
		}
	}

	static void groups(Map<String, String> groups) {
		for (Map.Entry<String, String> alias : new TreeMap<>(groups).entrySet()) {
			if (alias.getValue() == null || alias.getValue().isBlank()) {
				throw invalid("nais.token.groups." + alias.getKey(), alias.getValue(), "has no group object id",
						"Set it to the group's object id from Entra ID, or remove the alias");
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
			throw invalid(property, prefix,
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
			throw invalid(property, id,
					"names an alias like a group object id, so GROUP_" + alias + " would be that group's authority",
					"Give the alias a readable name of lowercase letters and digits, such as admins");
		}
		if (!isAliasName(alias)) {
			String name = alias.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
			name = name.isEmpty() ? "admins" : name;
			String variable = "NAIS_TOKEN_GROUPS_" + alias.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
			throw invalid(property, id,
					"names an alias with characters other than lowercase letters and digits",
					"Name it with lowercase letters and digits only, such as " + name + ", in application.yaml, in "
							+ "rules (hasAuthority('GROUP_" + name + "')) and in environment variables (NAIS_TOKEN_GROUPS_"
							+ name.toUpperCase(Locale.ROOT) + "). Only such a name survives the way through an "
							+ "environment variable: Spring Boot lowercases the variable's name and reads each '_' as "
							+ "'.', so " + variable + " binds as alias "
							+ variable.substring("NAIS_TOKEN_GROUPS_".length()).toLowerCase(Locale.ROOT).replace('_', '.'));
		}
		if (!NaisTokenAuthorityMapper.isGroupObjectId(id)) {
			throw invalid(property, id,
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

	private static void positive(String property, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw invalid(property, value, "must be a positive duration",
					"Set it to a value such as 2s or 500ms");
		}
	}

	private static void prefix(String property, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw invalid(property, value, "is empty",
					"Set a prefix (a claim value never becomes an authority without one)");
		}
	}

}
