package dev.naistoken.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.naistoken.introspection.cache.IntrospectionCache;

/**
 * Who may call what, as the running application enforces it: every protected handler (and other bean)
 * method with its rule in words, the accepted identity providers, the group aliases with their ids, and
 * the cache's size and hit ratio. Configuration and counts only: no token, claim or caller in it. Served
 * by the Actuator endpoint {@code naistoken} and printed by the test kit.
 *
 * @param rules the protected methods, handlers first, by request
 * @param providers the accepted identity providers
 * @param groups the group aliases, alias to object id
 * @param cache the cache's counts; {@code null} when the cache is off
 */
public record AccessReport(List<Rule> rules, List<String> providers, Map<String, String> groups,
		@Nullable Cache cache) {

	/**
	 * Reads the report from the application's parts.
	 * @param methods the protected methods
	 * @param providers the accepted identity providers, e.g. {@code entra_id}
	 * @param aliases the group aliases, alias to object id
	 * @param cache the cache, {@code null} when off
	 * @return the report
	 */
	public static AccessReport of(ProtectedMethods methods, List<String> providers, Map<String, String> aliases,
			@Nullable IntrospectionCache cache) {
		List<Rule> rules = new ArrayList<>();
		for (ProtectedMethod method : methods.methods()) {
			rules.add(new Rule((method.request() != null) ? method.request() : method.name(), method.words(),
					method.name()));
		}
		rules.sort(Comparator.comparing((Rule rule) -> rule.request().contains("#"))
			.thenComparing((rule) -> rule.request().substring(rule.request().indexOf(' ') + 1))
			.thenComparing(Rule::request));
		Cache counts = null;
		if (cache != null) {
			long hits = cache.hits();
			long misses = cache.misses();
			counts = new Cache(cache.size(), hits, misses, (hits + misses == 0) ? null : (double) hits / (hits + misses));
		}
		return new AccessReport(List.copyOf(rules), List.copyOf(providers), new TreeMap<>(aliases), counts);
	}

	/**
	 * The report as a table, as the test kit prints it.
	 * @return the text, lines ending in a line break
	 */
	public String text() {
		StringBuilder text = new StringBuilder("Access rules (nais-token):\n");
		int width = this.rules.stream().mapToInt((rule) -> rule.request().length()).max().orElse(0);
		for (Rule rule : this.rules) {
			text.append("  ").append(rule.request()).append(" ".repeat(width - rule.request().length()))
				.append(" -> ").append(rule.rule());
			if (!rule.request().equals(rule.method())) {
				text.append("  (").append(rule.method()).append(')');
			}
			text.append('\n');
		}
		if (this.rules.isEmpty()) {
			text.append("  (no method has a rule: every valid token may call every method)\n");
		}
		text.append("Accepted providers: ").append(this.providers.isEmpty() ? "none" : String.join(", ", this.providers))
			.append('\n');
		text.append("Group aliases:").append(this.groups.isEmpty() ? " none" : "").append('\n');
		this.groups.forEach((alias, id) -> text.append("  ").append(alias).append(" = ").append(id).append('\n'));
		if (this.cache == null) {
			text.append("Cache: off\n");
		}
		else {
			text.append("Cache: ").append(this.cache.size()).append(" tokens, hit ratio ")
				.append((this.cache.hitRatio() != null)
						? String.format(Locale.ROOT, "%.0f%%", this.cache.hitRatio() * 100) : "n/a")
				.append(" (").append(this.cache.hits()).append(" hits, ").append(this.cache.misses())
				.append(" misses)\n");
		}
		return text.toString();
	}

	/**
	 * One protected method.
	 *
	 * @param request the request it handles ({@code GET /api/cases}), or its name when it handles none
	 * @param rule the rule in words
	 * @param method the method, {@code Class#method}
	 */
	public record Rule(String request, String rule, String method) {
	}

	/**
	 * The cache's counts since start.
	 *
	 * @param size tokens held
	 * @param hits requests answered from the cache
	 * @param misses requests that were not
	 * @param hitRatio hits over all requests; {@code null} before the first
	 */
	public record Cache(int size, long hits, long misses, @Nullable Double hitRatio) {
	}

}
