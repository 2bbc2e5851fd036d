package dev.naistoken.introspection;

import org.jspecify.annotations.Nullable;

/**
 * Endpoint text on its way into a header or a log line: RFC 6750's {@code error_description}
 * characters only (printable ASCII but {@code "} and {@code \}), at most 200 of them.
 */
final class SafeText {

	private static final int MAX_LENGTH = 200;

	private SafeText() {
	}

	static @Nullable String of(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
		for (int i = 0; i < text.length() && out.length() < MAX_LENGTH; i++) {
			char c = text.charAt(i);
			boolean allowed = c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
			out.append(allowed ? c : '?');
		}
		return out.toString();
	}

}
