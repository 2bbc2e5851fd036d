package dev.naistoken.introspection;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.naistoken.authorities.NaisTokenPrincipal;

/**
 * Reads the endpoint's answer, failing closed: only {@code 200} with a JSON object whose {@code active}
 * is the boolean {@code true} and whose {@code exp} is a whole number is an active token. Everything
 * else the contract does not describe (a missing or non-boolean {@code active}, a duplicate key, a body
 * that is not JSON in a Unicode encoding, invalid UTF-8 bytes included) is
 * {@link IntrospectionResult.Unavailable}, never a 401 and never a 200.
 */
public final class IntrospectionResponseReader {

	private static final TypeReference<Map<String, Object>> CLAIMS = new TypeReference<>() {
	};

	private static final String NOT_ENABLED_PREFIX = "identity provider '";

	private static final String NOT_ENABLED_SUFFIX = "' is not enabled";

	private final ClaimsCompactor compactor = new ClaimsCompactor();

	private final JsonMapper mapper = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	/**
	 * Creates a reader; it holds no state but its JSON parser, so one can be shared.
	 */
	public IntrospectionResponseReader() {
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
					+ "azuread, entra_id, tokenx, idporten, maskinporten; now " + provider.wireValue()
					+ ") and nais.token.introspection.request-format (form or json)");
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

	private static IntrospectionResult inactive(@Nullable Object error, IdentityProvider provider) {
		String reason = (error instanceof String text) ? text : null;
		if (reason != null && reason.startsWith(NOT_ENABLED_PREFIX) && reason.endsWith(NOT_ENABLED_SUFFIX)) {
			return new IntrospectionResult.Misconfigured("the introspection endpoint says identity provider '"
					+ provider.wireValue() + "' is not enabled for this application, so it refuses every token. "
					+ "Enable it in the NAIS manifest (" + provider.manifestField() + ": true), or set "
					+ "nais.token.introspection.identity-provider to a provider the application has enabled");
		}
		return new IntrospectionResult.Inactive(reason);
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
		return new IntrospectionResult.Active(new NaisTokenPrincipal(this.compactor.compact(claims)));
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
