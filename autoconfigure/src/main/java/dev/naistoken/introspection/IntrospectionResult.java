package dev.naistoken.introspection;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one answer of the endpoint means. Free of Spring Security, servlet and blocking types, so the
 * servlet introspector, a reactive one, the health indicator and an outgoing-token client read the same
 * value.
 *
 * @since 0.1.0
 */
public sealed interface IntrospectionResult {

	/**
	 * The endpoint vouched for the token.
	 * @param claims its claims, compact and immutable ({@code exp}, {@code iat}, {@code nbf} as
	 * {@link java.time.Instant})
	 */
	record Active(Map<String, Object> claims) implements IntrospectionResult {
	}

	/**
	 * The endpoint refused the token (expired, wrong audience, not a JWT...): a 401.
	 * @param reason the endpoint's human-readable reason; not a stable API, never branch on it
	 */
	record Inactive(@Nullable String reason) implements IntrospectionResult {
	}

	/**
	 * The endpoint could not say: a 503, never a 401.
	 * @param cause what was wrong with the answer, free of token and claim values
	 */
	record Unavailable(String cause) implements IntrospectionResult {
	}

	/**
	 * The application is set up wrong, so every token would be refused: a 500 and an ERROR line.
	 * @param problem what is wrong and how to fix it
	 */
	record Misconfigured(String problem) implements IntrospectionResult {
	}

}
