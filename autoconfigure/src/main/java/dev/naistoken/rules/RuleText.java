package dev.naistoken.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.rules.Requirement.Kind;

/**
 * Reads what a rule's expression asks of a token: the ready-made annotations' calls of
 * {@link NaisTokenRules}, and the literals of {@code hasAuthority}, {@code hasAnyAuthority},
 * {@code hasRole} and {@code hasAnyRole} with the configured prefixes. Anything else in the text (a
 * bean call, a condition on an argument) is kept as text, not guessed at.
 */
final class RuleText {

	private static final Pattern TEMPLATE = Pattern.compile(
			"@" + NaisTokenRules.BEAN_NAME + "\\.(anyGroup|anyRole|anyScope|anyProvider|atLeastLevel|anyConsumer)"
					+ "\\(\\s*authentication\\s*,\\s*'([^']*)'\\s*\\)");

	private static final Pattern LITERALS = Pattern.compile(
			"\\b(hasAuthority|hasAnyAuthority|hasRole|hasAnyRole)\\(((?:\\s*'[^']*'\\s*,?)+)\\)");

	private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

	private final NaisTokenRules rules;

	RuleText(NaisTokenRules rules) {
		this.rules = rules;
	}

	/** One recognised call in an expression: what it asks, and where it stands in the text. */
	private record Term(List<Requirement> requirements, String annotation, int start, int end) {
	}

	List<Requirement> requirements(String expression) {
		List<Requirement> requirements = new ArrayList<>();
		for (Term term : terms(expression)) {
			requirements.addAll(term.requirements());
		}
		return requirements;
	}

	/** The rule as its author wrote it: the ready-made annotation when the rule is exactly one. */
	String rule(String annotation, String expression) {
		Term only = only(expression);
		if (only != null && !only.annotation().isEmpty()) {
			return "@" + only.annotation() + "(" + only.requirements()
				.stream()
				.map((requirement) -> (only.annotation().equals("RequireProvider")
						|| only.annotation().equals("RequireLevel")) ? requirement.name()
								: "\"" + requirement.name() + "\"")
				.collect(Collectors.joining(", ")) + ")";
		}
		return "@" + annotation + "(\"" + expression + "\")";
	}

	String words(String expression) {
		String trimmed = expression.trim();
		if ("isAuthenticated()".equals(trimmed) || "isFullyAuthenticated()".equals(trimmed)) {
			return "any caller with a valid token";
		}
		if ("permitAll()".equals(trimmed) || "true".equals(trimmed)) {
			return "anyone";
		}
		if ("denyAll()".equals(trimmed) || "false".equals(trimmed)) {
			return "no one";
		}
		Term only = only(expression);
		if (only == null || only.requirements().isEmpty()) {
			return "rule " + trimmed;
		}
		List<Requirement> requirements = only.requirements();
		Kind kind = requirements.get(0).kind();
		if (requirements.stream().anyMatch((requirement) -> requirement.kind() != kind)) {
			return "rule " + trimmed;
		}
		String names = requirements.stream()
			.map((requirement) -> wordFor(requirement))
			.distinct()
			.collect(Collectors.joining(", "));
		if (kind == Kind.LEVEL) {
			return "level of assurance " + names + " or higher";
		}
		return names.contains(", ") ? "any of " + kind.plural() + " " + names : kind.singular() + " " + names;
	}

	/** Providers by the name the platform uses ({@code entra_id}, {@code tokenx}), levels in lowercase. */
	private static String wordFor(Requirement requirement) {
		if (requirement.kind() == Kind.PROVIDER) {
			IdentityProvider provider = NaisTokenRules.provider(requirement.name());
			return (provider != null) ? provider.canonical().wireValue() : requirement.name();
		}
		return (requirement.kind() == Kind.LEVEL) ? requirement.name().toLowerCase(Locale.ROOT) : requirement.name();
	}

	private @Nullable Term only(String expression) {
		List<Term> terms = terms(expression);
		if (terms.size() != 1) {
			return null;
		}
		Term term = terms.get(0);
		return (expression.substring(0, term.start()).isBlank() && expression.substring(term.end()).isBlank()) ? term
				: null;
	}

	private List<Term> terms(String expression) {
		List<Term> terms = new ArrayList<>();
		Matcher template = TEMPLATE.matcher(expression);
		while (template.find()) {
			List<String> names = NaisTokenRules.names(template.group(2));
			List<Requirement> requirements = new ArrayList<>();
			String annotation = switch (template.group(1)) {
				case "anyGroup" -> add(requirements, Kind.GROUP, names, "RequireGroup");
				case "anyRole" -> add(requirements, Kind.ROLE, names, "RequireRole");
				case "anyScope" -> add(requirements, Kind.SCOPE, names, "RequireScope");
				case "anyProvider" -> add(requirements, Kind.PROVIDER, names, "RequireProvider");
				case "atLeastLevel" -> add(requirements, Kind.LEVEL, names, "RequireLevel");
				default -> add(requirements, Kind.CONSUMER, names, "RequireConsumer");
			};
			terms.add(new Term(requirements, annotation, template.start(), template.end()));
		}
		Matcher literals = LITERALS.matcher(expression);
		while (literals.find()) {
			List<Requirement> requirements = new ArrayList<>();
			boolean roles = literals.group(1).endsWith("Role");
			Matcher quoted = QUOTED.matcher(literals.group(2));
			while (quoted.find()) {
				Requirement requirement = roles ? role(quoted.group(1)) : authority(quoted.group(1));
				if (requirement != null) {
					requirements.add(requirement);
				}
			}
			terms.add(new Term(requirements, "", literals.start(), literals.end()));
		}
		return terms;
	}

	private static String add(List<Requirement> requirements, Kind kind, List<String> names, String annotation) {
		for (String name : names) {
			requirements.add(new Requirement(kind, name));
		}
		return annotation;
	}

	/** {@code hasRole('x')} asks for {@code ROLE_x}, Spring Security's own prefix, whatever role-prefix says. */
	private @Nullable Requirement role(String name) {
		return authority(name.startsWith("ROLE_") ? name : "ROLE_" + name);
	}

	private @Nullable Requirement authority(String authority) {
		String[][] prefixes = { { this.rules.groupPrefix(), "GROUP" }, { this.rules.rolePrefix(), "ROLE" },
				{ this.rules.scopePrefix(), "SCOPE" }, { this.rules.providerPrefix(), "PROVIDER" },
				{ this.rules.levelPrefix(), "LEVEL" } };
		for (String[] prefix : prefixes) {
			if (authority.startsWith(prefix[0]) && authority.length() > prefix[0].length()) {
				String name = authority.substring(prefix[0].length());
				Kind kind = Kind.valueOf(prefix[1]);
				if (kind == Kind.PROVIDER || kind == Kind.LEVEL) {
					name = name.toUpperCase(Locale.ROOT);
				}
				return new Requirement(kind, name);
			}
		}
		return null;
	}

}
