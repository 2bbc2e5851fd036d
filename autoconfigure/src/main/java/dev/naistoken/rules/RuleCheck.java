package dev.naistoken.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.naistoken.authorities.NaisTokenAuthorityMapper;
import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.rules.Requirement.Kind;

/**
 * The start-up check of the application's rules: each group a rule names must be a configured alias or
 * a group object id, and each provider a rule names must have an accepted issuer (when any is known). A
 * misspelt name fails closed, 403 for everyone, and only a positive test would notice; here it is
 * named at start-up with the method, the rule and the known names.
 */
public final class RuleCheck {

	private RuleCheck() {
	}

	/**
	 * The rules' problems, one sentence each; none when all is well.
	 * @param methods the application's protected methods
	 * @param aliases the configured group aliases
	 * @param acceptedProviders the providers with an accepted issuer; {@code null} when no issuer is known
	 * at all (then every token goes to one configured provider, and provider rules are not checked)
	 * @return the problems, grouped by kind: groups first, then providers, then conflicting rules
	 */
	public static Problems check(ProtectedMethods methods, Collection<String> aliases,
			@Nullable Set<IdentityProvider> acceptedProviders) {
		Set<String> known = new TreeSet<>(aliases);
		List<String> groups = new ArrayList<>();
		List<String> providers = new ArrayList<>();
		for (ProtectedMethod method : methods.methods()) {
			for (Requirement requirement : method.requirements()) {
				if (requirement.kind() == Kind.GROUP && !known.contains(requirement.name())
						&& !NaisTokenAuthorityMapper.isGroupObjectId(requirement.name())) {
					String closest = closest(requirement.name(), known);
					groups.add(where(method) + " names group '" + requirement.name()
							+ "', which is neither an alias in nais.token.groups (known: "
							+ (known.isEmpty() ? "none" : String.join(", ", known)) + ") nor a group object id"
							+ ((closest != null) ? "; did you mean '" + closest + "'?" : ""));
				}
				if (requirement.kind() == Kind.PROVIDER && acceptedProviders != null) {
					IdentityProvider provider = NaisTokenRules.provider(requirement.name());
					if (provider != null && !accepts(acceptedProviders, provider)) {
						providers.add(where(method) + " names provider " + requirement.name()
								+ ", which has no accepted issuer (accepted: " + names(acceptedProviders) + ")");
					}
				}
			}
		}
		return new Problems(List.copyOf(groups), List.copyOf(providers), methods.conflicts());
	}

	private static boolean accepts(Set<IdentityProvider> accepted, IdentityProvider provider) {
		String authority = NaisTokenRules.providerAuthority(provider);
		return accepted.stream().anyMatch((candidate) -> NaisTokenRules.providerAuthority(candidate).equals(authority));
	}

	private static String names(Set<IdentityProvider> providers) {
		Set<String> names = new TreeSet<>();
		providers.forEach((provider) -> names.add(provider.name()));
		return names.isEmpty() ? "none" : String.join(", ", names);
	}

	private static String where(ProtectedMethod method) {
		return method.type().getName() + "#" + method.method().getName() + ": " + method.rule();
	}

	/** The known name nearest to a misspelt one, when it is near enough to be a typo. */
	static @Nullable String closest(String name, Collection<String> known) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : known) {
			int distance = distance(name.toLowerCase(java.util.Locale.ROOT), candidate);
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return (best != null && bestDistance <= Math.max(2, name.length() / 3)) ? best : null;
	}

	/** Levenshtein distance. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/**
	 * What the check found.
	 *
	 * @param groups rules naming an unknown group
	 * @param providers rules naming a provider with no accepted issuer
	 * @param conflicts methods with several rules, which Spring Security refuses
	 */
	public record Problems(List<String> groups, List<String> providers, List<String> conflicts) {

		/**
		 * Whether there is nothing to report.
		 * @return {@code true} when every rule passed
		 */
		public boolean isEmpty() {
			return this.groups.isEmpty() && this.providers.isEmpty() && this.conflicts.isEmpty();
		}

		/**
		 * Every problem, one a line, indented.
		 * @return the lines
		 */
		public String lines() {
			List<String> all = new ArrayList<>(this.groups);
			all.addAll(this.providers);
			all.addAll(this.conflicts);
			return "\n  - " + String.join("\n  - ", all);
		}

	}

}
