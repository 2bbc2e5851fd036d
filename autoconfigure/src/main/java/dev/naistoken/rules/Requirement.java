package dev.naistoken.rules;

/**
 * One thing an access rule asks of a token, read from the rule's text: a group, an app role, a scope, a
 * provider, a level of assurance or a calling application. A rule that joins several with {@code or}
 * yields each; what the text does not say in one of the known forms yields nothing.
 *
 * @param kind what is asked for
 * @param name its name as the rule writes it, without an authority prefix ({@code readers},
 * {@code defaultaccess}, {@code TOKENX}, {@code HIGH}, {@code dev-gcp:team-a:batch})
 */
public record Requirement(Kind kind, String name) {

	/** What a rule asks for. */
	public enum Kind {

		/** A group alias or group object id. */
		GROUP("groups"),

		/** An app role. */
		ROLE("roles"),

		/** A scope. */
		SCOPE("scopes"),

		/** An identity provider, by {@link dev.naistoken.introspection.IdentityProvider} name. */
		PROVIDER("providers"),

		/** A level of assurance, by name. */
		LEVEL("levels"),

		/** A calling application ({@code cluster:namespace:app}). */
		CONSUMER("consumers");

		private final String plural;

		Kind(String plural) {
			this.plural = plural;
		}

		/**
		 * The kind in words, plural, for reports.
		 * @return e.g. {@code groups}
		 */
		public String plural() {
			return this.plural;
		}

		/**
		 * The kind in words, singular, for reports.
		 * @return e.g. {@code group}
		 */
		public String singular() {
			return this.plural.substring(0, this.plural.length() - 1);
		}

	}

}
