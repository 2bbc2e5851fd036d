package dev.naistoken.authorities;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Typed reads of Entra ID claim values, strict: a value of the wrong shape reads as {@code null}, never
 * as a partial list, so a broken claim can grant nothing.
 */
final class Claims {

	private Claims() {
	}

	/**
	 * A JSON array of strings, or {@code null} when the value is anything else (a string, an object, an
	 * array holding a number or null).
	 */
	static @Nullable List<String> stringList(@Nullable Object value) {
		if (!(value instanceof List<?> list)) {
			return null;
		}
		for (Object element : list) {
			if (!(element instanceof String)) {
				return null;
			}
		}
		@SuppressWarnings("unchecked")
		List<String> strings = (List<String>) list;
		return strings;
	}

	/** The space-separated values of {@code scp}, without empty ones. */
	static List<String> splitScopes(String scp) {
		List<String> scopes = new ArrayList<>(4);
		int start = 0;
		int length = scp.length();
		for (int i = 0; i <= length; i++) {
			if (i == length || scp.charAt(i) == ' ') {
				if (i > start) {
					scopes.add(scp.substring(start, i));
				}
				start = i + 1;
			}
		}
		return Collections.unmodifiableList(scopes);
	}

	/**
	 * The JSON type of a claim value that {@code expected} does not describe, for log lines that must
	 * not print the value itself.
	 */
	static String typeOf(@Nullable Object value, String expected) {
		if (value == null) {
			return "null";
		}
		if (value instanceof String) {
			return "a string";
		}
		if (value instanceof Number) {
			return "a number";
		}
		if (value instanceof Boolean) {
			return "a boolean";
		}
		if (value instanceof List<?>) {
			return expected.startsWith("an array") ? "an array holding something other than strings" : "an array";
		}
		return "an object";
	}

}
