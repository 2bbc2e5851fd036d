package dev.naistoken.introspection;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Which identity provider a token goes to. When the issuers of the accepted providers are known (the
 * platform sets them per provider enabled in the manifest), a token goes to the provider whose issuer
 * equals the token's {@code iss}, read from the JWT payload <em>without</em> verifying it: the endpoint
 * verifies the signature and checks {@code iss} against that same provider's issuer, so a forged
 * {@code iss} can only pick which provider refuses the token. A token whose {@code iss} is none of them,
 * or that is no readable JWT, goes nowhere (a 401 without a call to the endpoint). When no issuer is
 * known, every token goes to the one configured provider, as before providers had issuers.
 * <p>
 * Asked on a cache miss only ({@link #route(String)}): a hand-written scan of the base64url-decoded
 * payload's top-level members up to the first {@code iss}, no JSON library, no allocation but the
 * decoded bytes (the payload's first 384 bytes, where issuers put {@code iss}; the whole payload only
 * when it is not there). Anything it does not understand before that {@code iss} is refused, never
 * guessed; what follows it is the endpoint's to parse (a payload with two {@code iss}, say, which the
 * endpoint's own checks then decide on). On a cache hit the provider is read from the endpoint's
 * verified claims ({@link #providerOf(Map)}), a map lookup. Nothing here logs or keeps the token or a
 * claim value; the reasons of a refusal name neither.
 *
 * @since 0.1.0
 */
public final class IssuerRouting {

	/** Far above any token a server takes in a header (Tomcat's default limit is 8 KiB for all headers). */
	static final int MAX_PAYLOAD_CHARS = 64 * 1024;

	/** How much of a payload is decoded first: 384 bytes, a whole number of base64 groups. */
	static final int PREFIX_CHARS = 512;

	private static final byte[] ISS = { 'i', 's', 's' };

	private static final byte[] BASE64URL = base64UrlTable();

	private final IdentityProvider fallback;

	private final Map<IdentityProvider, String> issuers;

	private final Map<String, IdentityProvider> providersByIssuer;

	/** The issuers as UTF-8 bytes, compared with the payload's bytes in place. */
	private final byte[][] issuerBytes;

	private final Route[] routes;

	private final Route unknownIssuer;

	/**
	 * Creates routing by issuer.
	 * @param issuers the accepted providers and their issuers (in the order they are listed in messages);
	 * empty for no routing at all, every token to {@code fallback}
	 * @param fallback the provider of every token when no issuer is known, and of a verified token whose
	 * {@code iss} is none of the issuers
	 * @throws IllegalArgumentException when an issuer is blank or two providers share one
	 */
	public IssuerRouting(Map<IdentityProvider, String> issuers, IdentityProvider fallback) {
		this.fallback = fallback;
		Map<IdentityProvider, String> copy = new LinkedHashMap<>();
		Map<String, IdentityProvider> byIssuer = new HashMap<>();
		for (Map.Entry<IdentityProvider, String> entry : issuers.entrySet()) {
			String issuer = entry.getValue();
			if (issuer == null || issuer.isBlank()) {
				throw new IllegalArgumentException("no issuer for " + entry.getKey().wireValue());
			}
			IdentityProvider other = byIssuer.put(issuer, entry.getKey());
			if (other != null) {
				throw new IllegalArgumentException(other.wireValue() + " and " + entry.getKey().wireValue()
						+ " have the same issuer");
			}
			copy.put(entry.getKey(), issuer);
		}
		this.issuers = Collections.unmodifiableMap(copy);
		this.providersByIssuer = Map.copyOf(byIssuer);
		this.issuerBytes = new byte[copy.size()][];
		this.routes = new Route[copy.size()];
		int i = 0;
		for (Map.Entry<IdentityProvider, String> entry : copy.entrySet()) {
			this.issuerBytes[i] = entry.getValue().getBytes(StandardCharsets.UTF_8);
			this.routes[i] = new Route(entry.getKey(), null);
			i++;
		}
		this.unknownIssuer = Route.refused("its issuer (iss) is none of the accepted providers' ("
				+ String.join(", ", copy.keySet().stream().map(IdentityProvider::wireValue).toList()) + ")");
	}

	/**
	 * Sends every token to one provider, as when no issuer is known.
	 * @param provider the provider
	 * @return the routing
	 */
	public static IssuerRouting singleProvider(IdentityProvider provider) {
		return new IssuerRouting(Map.of(), provider);
	}

	/**
	 * Whether tokens are routed by issuer (some issuer is known), rather than all sent to one provider.
	 * @return {@code true} when routing by issuer
	 */
	public boolean routesByIssuer() {
		return !this.issuers.isEmpty();
	}

	/**
	 * The accepted providers and their issuers; empty when no issuer is known.
	 * @return the issuers, by provider, unmodifiable
	 */
	public Map<IdentityProvider, String> issuers() {
		return this.issuers;
	}

	/**
	 * The provider every token goes to when no issuer is known.
	 * @return the provider
	 */
	public IdentityProvider fallback() {
		return this.fallback;
	}

	/**
	 * Where a token the cache does not know goes, read from its unverified {@code iss}.
	 * @param token the bearer token
	 * @return the provider to ask, or a refusal whose reason names neither the token nor its claims
	 */
	public Route route(String token) {
		if (this.routes.length == 0) {
			return Route.of(this.fallback);
		}
		int first = token.indexOf('.');
		int second = (first < 0) ? -1 : token.indexOf('.', first + 1);
		if (second < 0 || token.indexOf('.', second + 1) >= 0) {
			return Route.NOT_A_JWT;
		}
		int start = first + 1;
		if (second - start > MAX_PAYLOAD_CHARS) {
			return Route.TOO_LARGE;
		}
		if (second - start > PREFIX_CHARS) {
			// Issuers put iss near the start: most tokens are routed on their first 384 bytes.
			byte[] prefix = decodeBase64Url(token, start, start + PREFIX_CHARS);
			Route route = (prefix != null) ? routeByPayload(prefix, true) : Route.NOT_BASE64URL;
			if (route != null) {
				return route;
			}
		}
		byte[] payload = decodeBase64Url(token, start, second);
		if (payload == null) {
			return Route.NOT_BASE64URL;
		}
		Route route = routeByPayload(payload, false);
		return (route != null) ? route : Route.NOT_JSON;
	}

	/**
	 * The provider of a token the endpoint found active, from its verified {@code iss}: the endpoint
	 * checked that it is the issuer of the provider the token was sent to.
	 * @param claims the claims the endpoint returned (or the cache kept)
	 * @return the provider
	 */
	public IdentityProvider providerOf(Map<String, Object> claims) {
		if (this.routes.length == 0) {
			return this.fallback;
		}
		IdentityProvider provider = (claims.get("iss") instanceof String iss) ? this.providersByIssuer.get(iss) : null;
		return (provider != null) ? provider : this.fallback;
	}

	/**
	 * The route the first top-level {@code iss} names. With {@code prefix}, {@code json} is the start of
	 * the payload only, and {@code null} means "not found in it": read the whole payload.
	 */
	private @Nullable Route routeByPayload(byte[] json, boolean prefix) {
		JsonScan scan = new JsonScan(json);
		int i = scan.skipWhitespace(0);
		if (i >= json.length || json[i] != '{') {
			return Route.NOT_JSON;
		}
		i = scan.skipWhitespace(i + 1);
		if (i < json.length && json[i] == '}') {
			return Route.NO_ISSUER;
		}
		while (true) {
			if (i >= json.length || json[i] != '"') {
				return prefix ? null : Route.NOT_JSON;
			}
			int keyEnd = scan.stringEnd(i + 1);
			if (keyEnd < 0) {
				return prefix ? null : Route.NOT_JSON;
			}
			boolean isIss = scan.escaped ? "iss".equals(scan.decode(i + 1, keyEnd)) : equals(json, i + 1, keyEnd, ISS);
			i = scan.skipWhitespace(keyEnd + 1);
			if (i >= json.length || json[i] != ':') {
				return prefix ? null : Route.NOT_JSON;
			}
			i = scan.skipWhitespace(i + 1);
			if (isIss) {
				if (i >= json.length) {
					return prefix ? null : Route.NOT_JSON;
				}
				if (json[i] != '"') {
					return Route.NO_ISSUER;
				}
				int issEnd = scan.stringEnd(i + 1);
				if (issEnd < 0) {
					return prefix ? null : Route.NOT_JSON;
				}
				return routeOf(json, i + 1, issEnd, scan);
			}
			i = scan.valueEnd(i);
			if (i < 0) {
				return prefix ? null : Route.NOT_JSON;
			}
			i = scan.skipWhitespace(i);
			if (i >= json.length) {
				return prefix ? null : Route.NOT_JSON;
			}
			if (json[i] == ',') {
				i = scan.skipWhitespace(i + 1);
				continue;
			}
			return (json[i] == '}') ? Route.NO_ISSUER : Route.NOT_JSON;
		}
	}

	private Route routeOf(byte[] json, int start, int end, JsonScan scan) {
		if (scan.escaped) {
			String issuer = scan.decode(start, end);
			IdentityProvider provider = (issuer != null) ? this.providersByIssuer.get(issuer) : null;
			return (provider != null) ? routeOf(provider) : this.unknownIssuer;
		}
		for (int p = 0; p < this.issuerBytes.length; p++) {
			if (equals(json, start, end, this.issuerBytes[p])) {
				return this.routes[p];
			}
		}
		return this.unknownIssuer;
	}

	private Route routeOf(IdentityProvider provider) {
		for (Route route : this.routes) {
			if (route.provider == provider) {
				return route;
			}
		}
		return this.unknownIssuer;
	}

	private static boolean equals(byte[] bytes, int start, int end, byte[] expected) {
		return (end - start == expected.length) && Arrays.equals(bytes, start, end, expected, 0, expected.length);
	}

	/**
	 * Decodes base64url without padding (as JWS compact serialization writes it) straight from the
	 * token's characters; {@code null} for anything else, padding included.
	 */
	static byte @Nullable [] decodeBase64Url(String text, int start, int end) {
		int length = end - start;
		if (length <= 0 || length > MAX_PAYLOAD_CHARS || length % 4 == 1) {
			return null;
		}
		byte[] out = new byte[length * 3 / 4];
		int o = 0;
		int bits = 0;
		int count = 0;
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			int value = (c < 128) ? BASE64URL[c] : -1;
			if (value < 0) {
				return null;
			}
			bits = (bits << 6) | value;
			count++;
			if (count == 4) {
				out[o++] = (byte) (bits >> 16);
				out[o++] = (byte) (bits >> 8);
				out[o++] = (byte) bits;
				bits = 0;
				count = 0;
			}
		}
		if (count == 2) {
			out[o++] = (byte) (bits >> 4);
		}
		else if (count == 3) {
			out[o++] = (byte) (bits >> 10);
			out[o++] = (byte) (bits >> 2);
		}
		return out;
	}

	private static byte[] base64UrlTable() {
		byte[] table = new byte[128];
		Arrays.fill(table, (byte) -1);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		for (int i = 0; i < alphabet.length(); i++) {
			table[alphabet.charAt(i)] = (byte) i;
		}
		return table;
	}

	/**
	 * Where one token goes: a provider, or a refusal with its reason. The reasons name what is wrong
	 * with the token's shape, never its content.
	 */
	public static final class Route {

		static final Route NOT_A_JWT = refused("it is no JWT (not three dot-separated parts)");

		static final Route NOT_BASE64URL = refused("its JWT payload is not base64url");

		static final Route NOT_JSON = refused("its JWT payload is not a JSON object");

		static final Route TOO_LARGE = refused("its JWT payload is larger than any token a server takes");

		static final Route NO_ISSUER = refused("its JWT payload has no issuer (iss) string");

		private static final Route[] SINGLE = singles();

		private final @Nullable IdentityProvider provider;

		private final @Nullable String refusal;

		private Route(@Nullable IdentityProvider provider, @Nullable String refusal) {
			this.provider = provider;
			this.refusal = refusal;
		}

		static Route refused(String reason) {
			return new Route(null, reason);
		}

		static Route of(IdentityProvider provider) {
			return SINGLE[provider.ordinal()];
		}

		private static Route[] singles() {
			IdentityProvider[] providers = IdentityProvider.values();
			Route[] routes = new Route[providers.length];
			for (IdentityProvider provider : providers) {
				routes[provider.ordinal()] = new Route(provider, null);
			}
			return routes;
		}

		/**
		 * The provider the token goes to.
		 * @return the provider, or {@code null} when the token is refused
		 */
		public @Nullable IdentityProvider provider() {
			return this.provider;
		}

		/**
		 * Why the token goes nowhere, free of token and claim values.
		 * @return the reason, or {@code null} when the token goes to a provider
		 */
		public @Nullable String refusal() {
			return this.refusal;
		}

		@Override
		public String toString() {
			return (this.provider != null) ? "Route[" + this.provider.wireValue() + "]" : "Route[refused]";
		}

	}

	/**
	 * Just enough of JSON to find a top-level member: where strings and values end. Skipped values are
	 * not validated beyond their nesting (the endpoint parses the payload for real), but anything that
	 * could move where a top-level member seems to start (an unterminated string, unbalanced brackets)
	 * ends the scan.
	 */
	private static final class JsonScan {

		private final byte[] json;

		/** Whether the last string {@link #stringEnd} found holds an escape. */
		boolean escaped;

		JsonScan(byte[] json) {
			this.json = json;
		}

		int skipWhitespace(int i) {
			while (i < this.json.length) {
				byte b = this.json[i];
				if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
					break;
				}
				i++;
			}
			return i;
		}

		/** The index of the closing quote of a string whose content starts at {@code i}, or -1. */
		int stringEnd(int i) {
			this.escaped = false;
			while (i < this.json.length) {
				byte b = this.json[i];
				if (b == '"') {
					return i;
				}
				if (b == '\\') {
					this.escaped = true;
					i += 2;
					continue;
				}
				if (b >= 0 && b < 0x20) {
					return -1;
				}
				i++;
			}
			return -1;
		}

		/** The index just after the value that starts at {@code i}, or -1. */
		int valueEnd(int i) {
			int depth = 0;
			while (i < this.json.length) {
				byte b = this.json[i];
				if (b == '"') {
					i = stringEnd(i + 1);
					if (i < 0) {
						return -1;
					}
					i++;
				}
				else if (b == '{' || b == '[') {
					depth++;
					i++;
				}
				else if (b == '}' || b == ']') {
					if (depth == 0) {
						return i;
					}
					depth--;
					i++;
				}
				else if (b == ',' && depth == 0) {
					return i;
				}
				else {
					i++;
				}
				if (depth == 0 && (b == '"' || b == '}' || b == ']')) {
					return i;
				}
			}
			return (depth == 0) ? i : -1;
		}

		/** The content of a string with escapes, or {@code null} when one is invalid. */
		@Nullable String decode(int start, int end) {
			StringBuilder out = new StringBuilder(end - start);
			String raw = new String(this.json, start, end - start, StandardCharsets.UTF_8);
			for (int i = 0; i < raw.length(); i++) {
				char c = raw.charAt(i);
				if (c != '\\') {
					out.append(c);
					continue;
				}
				if (++i >= raw.length()) {
					return null;
				}
				char escape = raw.charAt(i);
				switch (escape) {
					case '"', '\\', '/' -> out.append(escape);
					case 'b' -> out.append('\b');
					case 'f' -> out.append('\f');
					case 'n' -> out.append('\n');
					case 'r' -> out.append('\r');
					case 't' -> out.append('\t');
					case 'u' -> {
						if (i + 4 >= raw.length()) {
							return null;
						}
						int code = 0;
						for (int h = 1; h <= 4; h++) {
							int digit = Character.digit(raw.charAt(i + h), 16);
							if (digit < 0) {
								return null;
							}
							code = (code << 4) | digit;
						}
						out.append((char) code);
						i += 4;
					}
					default -> {
						return null;
					}
				}
			}
			return out.toString();
		}

	}

}
