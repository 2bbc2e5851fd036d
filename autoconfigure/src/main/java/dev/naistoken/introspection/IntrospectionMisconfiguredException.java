package dev.naistoken.introspection;

import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;

/**
 * The endpoint refused the request itself (HTTP 400) or said the identity provider is not enabled for
 * this application: every token would look invalid, so this is the application's configuration, not
 * the user's token. The starter answers 500 and logs what to fix. The message names the fix.
 */
public class IntrospectionMisconfiguredException extends OAuth2IntrospectionException {

	/**
	 * Creates a new instance.
	 * @param message what is wrong and how to fix it, free of token and claim values
	 */
	public IntrospectionMisconfiguredException(String message) {
		super(message);
	}

}
