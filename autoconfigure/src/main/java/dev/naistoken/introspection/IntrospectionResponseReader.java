package dev.naistoken.introspection;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the endpoint's answer, failing closed: only {@code 200} with a JSON object whose {@code active}
 * is the boolean {@code true} and whose {@code exp} is a whole number is an active token. Everything
 * else the contract does not describe (a missing or non-boolean {@code active}, a duplicate key, a body
 * that is not JSON in a Unicode encoding, invalid UTF-8 bytes included) is
 * {@link IntrospectionResult.Unavailable}, never a 401 and never a 200.
 * <p>
 * Two kinds of answer are told apart from a verdict on the token, because calling them one would lie:
 * {@code active:false} because the endpoint could not fetch or read the identity provider's signing keys
 * (the token was never judged: unavailable, not a 401), and answers that no retry can change (HTTP 400,
 * 401, 403, 404, 405, 415, or a provider the endpoint does not serve), which mean the application is
 * set up wrong: {@link IntrospectionResult.Misconfigured}, not a 503 that asks the client to try again.
 */
public final class IntrospectionResponseReader {

	private static final TypeReference<Map<String, Object>> CLAIMS = new TypeReference<>() {
	};

	private static final String PROVIDER_PREFIX = "identity provider '";

	private static final String NOT_ENABLED_SUFFIX = "' is not enabled";

	private static final String NO_INTROSPECTION_SUFFIX = "' does not support introspection";

	/**
	 * How the endpoint's reasons start when it could not fetch or parse the provider's signing keys
	 * (Texas's key-set errors); an unknown key id in the token is a verdict, and reads otherwise.
	 */
	private static final List<String> SIGNING_KEY_FAILURES = List.of("fetch:", "decode json:",
			"json web key set has key with blank key id", "invalid public jwk:");

	/** The fix for every status that says something other than the platform's endpoint answered. */
	private static final String POINT_AT_THE_PLATFORMS_ENDPOINT = "Point nais.token.introspection.endpoint "
			+ "(NAIS_TOKEN_INTROSPECTION_ENDPOINT) at the platform's introspection endpoint "
			+ "(http://127.0.0.1:<port>/api/v1/introspect, which the platform sets when an identity provider is "
			+ "enabled in the NAIS manifest). For local runs, use the test kit's fake endpoint (FakeTexas, "
			+ "@AutoConfigureFakeTexas), or run Texas in front of the local identity server";

	/**
	 * Claims Microsoft documents as internal to Entra ID, for resources to ignore: opaque, different in
	 * every token, and the largest part of a cached token's heap.
	 */
	private static final List<String> ENTRA_INTERNAL_CLAIMS = List.of("aio", "rh");

	private final ClaimsCompactor compactor = new ClaimsCompactor();

	private final boolean keepInternalClaims;

	private final boolean routesByIssuer;

	private final JsonMapper mapper = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	/**
	 * Creates a reader that drops Entra ID's internal claims ({@code aio}, {@code rh}); it holds no state
	 * but its JSON parser, so one can be shared.
	 */
	public IntrospectionResponseReader() {
		this(false);
	}

	/**
	 * Creates a reader.
	 * @param keepInternalClaims whether Entra ID's internal claims ({@code aio}, {@code rh}) are kept
	 */
	public IntrospectionResponseReader(boolean keepInternalClaims) {
		this(keepInternalClaims, false);
	}

	/**
	 * Creates a reader whose misconfiguration messages give the fix that fits how tokens reach a provider.
	 * @param keepInternalClaims whether Entra ID's internal claims ({@code aio}, {@code rh}) are kept
	 * @param routesByIssuer whether tokens go to the provider of their issuer (so a provider that is not
	 * enabled is one whose issuer is set), rather than all to {@code nais.token.introspection.identity-provider}
	 */
	public IntrospectionResponseReader(boolean keepInternalClaims, boolean routesByIssuer) {
		this.keepInternalClaims = keepInternalClaims;
		this.routesByIssuer = routesByIssuer;
	}

	/**
	 * Reads one answer.
	 * @param status the HTTP status
	 * @param body the body
	 * @param provider the identity provider the token was sent for, named in a misconfiguration
	 * @return what the answer means
	 */
	public IntrospectionResult read(int status, byte[] body, IdentityProvider provider) {
		if (status == 400) {
			return new IntrospectionResult.Misconfigured("the introspection endpoint refused the request as malformed "
					+ "(HTTP 400" + describeError(body) + "). Check nais.token.introspection.identity-provider (one of "
					+ IdentityProvider.wireValues() + "; now " + provider.wireValue()
					+ ") and nais.token.introspection.request-format (form or json)");
		}
		String refusal = refusal(status);
		if (refusal != null) {
			return new IntrospectionResult.Misconfigured("the introspection endpoint answered HTTP " + status + ": "
					+ refusal + ". " + POINT_AT_THE_PLATFORMS_ENDPOINT);
		}
		if (status != 200) {
			return new IntrospectionResult.Unavailable("the introspection endpoint answered HTTP " + status);
		}
		Map<String, Object> claims;
		try {
			claims = this.mapper.readValue(body, CLAIMS);
		}
		catch (JacksonException ex) {
			return new IntrospectionResult.Unavailable(
					"the introspection endpoint's answer is not a JSON object (" + ex.getClass().getSimpleName() + ")");
		}
		if (claims == null || !(claims.get("active") instanceof Boolean active)) {
			return new IntrospectionResult.Unavailable("the introspection endpoint's answer has no boolean 'active'");
		}
		if (!active) {
			return inactive(claims.get("error"), provider);
		}
		return active(claims);
	}

	/**
	 * What a status that no retry can change means here, or {@code null} for any other status. Texas
	 * needs no credentials, serves one path and takes both request formats; 400 is handled apart, as its
	 * fix is in the request, not in the URL.
	 */
	private static @Nullable String refusal(int status) {
		return switch (status) {
			case 401, 403 -> "it wants credentials, so it is not the platform's endpoint, which needs none "
					+ "(a generic OAuth server's RFC 7662 /introspect, such as mock-oauth2-server's, is not it)";
			case 404, 405 -> "nothing takes introspection requests at that URL, so its path is wrong "
					+ "(e.g. the sidecar's base URL without /api/v1/introspect)";
			case 415 -> "it does not take the request's media type, which the platform's endpoint takes in both "
					+ "request formats, so it is not the platform's endpoint";
			default -> null;
		};
	}

	private IntrospectionResult inactive(@Nullable Object error, IdentityProvider provider) {
		String reason = (error instanceof String text) ? text : null;
		if (reason == null) {
			return new IntrospectionResult.Inactive(null);
		}
		if (isAboutTheProvider(reason, NOT_ENABLED_SUFFIX)) {
			return new IntrospectionResult.Misconfigured("the introspection endpoint says identity provider '"
					+ provider.wireValue() + "' is not enabled for this application, so it refuses every token"
					+ (this.routesByIssuer ? " with that provider's issuer" : "") + ". Enable it in the NAIS manifest ("
					+ provider.manifestField() + ": true), or " + (this.routesByIssuer
							? "stop accepting its tokens: set " + provider.issuerProperty() + " to empty"
							: "set nais.token.introspection.identity-provider to a provider the application has enabled"));
		}
		if (isAboutTheProvider(reason, NO_INTROSPECTION_SUFFIX)) {
			return new IntrospectionResult.Misconfigured("the introspection endpoint says identity provider '"
					+ provider.wireValue() + "' does not support introspection, so it refuses every token. Set "
					+ "nais.token.introspection.identity-provider to a provider that supports introspection, "
					+ "and check that the NAIS manifest enables it");
		}
		if (SIGNING_KEY_FAILURES.stream().anyMatch(reason::startsWith)) {
			// The reason names the key set's URL or a parse error, never the token: safe for the log.
			return new IntrospectionResult.Unavailable("the introspection endpoint could not check the token: it "
					+ "could not fetch or read the identity provider's signing keys (" + SafeText.of(reason) + ")");
		}
		return new IntrospectionResult.Inactive(reason);
	}

	private static boolean isAboutTheProvider(String reason, String suffix) {
		return reason.startsWith(PROVIDER_PREFIX) && reason.endsWith(suffix);
	}

	private IntrospectionResult active(Map<String, Object> claims) {
		claims.remove("active");
		if (!toInstant(claims, "exp") || claims.get("exp") == null) {
			return new IntrospectionResult.Unavailable(
					"the introspection endpoint's answer for an active token has no whole-number 'exp'");
		}
		if (!toInstant(claims, "iat") || !toInstant(claims, "nbf")) {
			return new IntrospectionResult.Unavailable(
					"the introspection endpoint's answer has an 'iat' or 'nbf' that is not a whole number");
		}
		claims.values().removeIf((value) -> value == null);
		if (!this.keepInternalClaims) {
			claims.keySet().removeAll(ENTRA_INTERNAL_CLAIMS);
		}
		return new IntrospectionResult.Active(this.compactor.compact(claims));
	}

	/** Turns a whole-number claim into an {@link Instant}; {@code false} when it is there but no whole number. */
	private static boolean toInstant(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		if (value == null) {
			return true;
		}
		if (value instanceof Integer || value instanceof Long) {
			try {
				claims.put(name, Instant.ofEpochSecond(((Number) value).longValue()));
			}
			catch (DateTimeException ex) {
				// a whole number past the range of an Instant is no date either
				return false;
			}
			return true;
		}
		return false;
	}

	private String describeError(byte[] body) {
		try {
			Map<String, Object> error = this.mapper.readValue(body, CLAIMS);
			Object code = (error != null) ? error.get("error") : null;
			Object description = (error != null) ? error.get("error_description") : null;
			if (!(code instanceof String)) {
				return "";
			}
			return ", " + SafeText.of(code + ((description instanceof String) ? ": " + description : ""));
		}
		catch (JacksonException ex) {
			return "";
		}
	}

}
