package dev.naistoken.introspection;

/**
 * How the introspection request body is encoded. The endpoint accepts both; form is the default
 * because it is the cheapest to write and the format most introspection endpoints share (RFC 7662).
 */
public enum RequestFormat {

	/** {@code application/x-www-form-urlencoded}. */
	FORM,

	/** {@code application/json}. */
	JSON

}
