package dev.naistoken.introspection;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;

/**
 * The endpoint could not say whether the token is valid: it was unreachable, too slow, or answered
 * with something that is not its contract. Never a statement about the token, so it must never become
 * a 401 (and never a 200): the starter answers 503. The message names the cause, never the token.
 */
public class IntrospectionUnavailableException extends OAuth2IntrospectionException {

	/**
	 * Creates a new instance.
	 * @param message the cause, free of token and claim values
	 */
	public IntrospectionUnavailableException(String message) {
		super(message);
	}

	/**
	 * Creates a new instance.
	 * @param message the cause, free of token and claim values
	 * @param cause the underlying failure
	 */
	public IntrospectionUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
