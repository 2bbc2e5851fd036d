package dev.naistoken.test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.context.ApplicationContext;

import dev.naistoken.authorities.NaisTokenAuthorityMapper;
import dev.naistoken.autoconfigure.NaisTokenProperties;
import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.rules.AccessReports;
import dev.naistoken.rules.ProtectedMethod;
import dev.naistoken.rules.Requirement;

/**
 * Keeps the NAIS manifest in step with the application's rules: one call in a test reads the manifest
 * and the application context, and fails listing every mismatch, each a rule that would refuse everyone
 * on NAIS although every test passes.
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureFakeTexas
 * class ManifestTests {
 *     &#64;Test
 *     void manifestMatchesTheRules(&#64;Autowired ApplicationContext context) {
 *         NaisManifestCheck.assertMatches(context);
 *     }
 * }
 * </pre>
 * What it compares:
 * <ul>
 * <li>each group alias's id (and each group id a rule names) is under
 * {@code spec.azure.application.claims.groups}: only those ids reach a token's {@code groups} claim,
 * whether or not {@code allowAllUsers} lets every user in;</li>
 * <li>each role and scope a rule requires is granted by some {@code accessPolicy.inbound.rules[].permissions}
 * (Entra ID's own {@code access_as_application} and {@code defaultaccess} need none);</li>
 * <li>each provider a {@code @RequireProvider} names, and TokenX or ID-porten for a {@code @RequireLevel},
 * is enabled ({@code spec.azure.application}, {@code spec.tokenx}, {@code spec.idporten},
 * {@code spec.maskinporten});</li>
 * <li>each application a {@code @RequireConsumer} names is admitted by an inbound rule;</li>
 * <li>each Maskinporten scope (one with a {@code :}) a rule requires is in
 * {@code spec.maskinporten.scopes.exposes}.</li>
 * </ul>
 * The manifest is read as plain YAML (several documents; the one of {@code kind: Application} is used),
 * {@code ${...}} placeholders left as text.
 */
public final class NaisManifestCheck {

	/** Where a NAIS application keeps its manifest, relative to the module's directory. */
	public static final Path DEFAULT_MANIFEST = Path.of("nais", "app.yaml");

	private static final Set<String> BUILT_IN = Set.of("access_as_application", "defaultaccess");

	private NaisManifestCheck() {
	}

	/**
	 * Checks {@code nais/app.yaml} against the application.
	 * @param context the application's context, e.g. {@code @Autowired} in a {@code @SpringBootTest}
	 * @throws AssertionError listing every mismatch
	 */
	public static void assertMatches(ApplicationContext context) {
		assertMatches(context, DEFAULT_MANIFEST);
	}

	/**
	 * Checks a manifest against the application.
	 * @param context the application's context
	 * @param manifest the manifest's path
	 * @throws AssertionError listing every mismatch
	 */
	public static void assertMatches(ApplicationContext context, Path manifest) {
		List<String> mismatches = mismatches(context, manifest);
		if (!mismatches.isEmpty()) {
			throw new AssertionError("The NAIS manifest " + manifest + " does not match the application's rules ("
					+ mismatches.size() + ((mismatches.size() == 1) ? " mismatch" : " mismatches") + "):\n  - "
					+ String.join("\n  - ", mismatches));
		}
	}

	/**
	 * Every mismatch between a manifest and the application, one sentence each.
	 * @param context the application's context
	 * @param manifest the manifest's path
	 * @return the mismatches; empty when they match
	 */
	public static List<String> mismatches(ApplicationContext context, Path manifest) {
		Node application = application(manifest);
		Node spec = application.get("spec");
		String namespace = application.get("metadata").get("namespace").text();
		NaisTokenProperties properties = context.getBean(NaisTokenProperties.class);
		List<ProtectedMethod> methods = context.getBean(AccessReports.class).methods().methods();
		List<String> mismatches = new ArrayList<>();
		groups(spec, properties.groups(), methods, mismatches);
		Set<String> roles = new LinkedHashSet<>();
		Set<String> scopes = new LinkedHashSet<>();
		for (Node rule : spec.get("accessPolicy").get("inbound").get("rules").list()) {
			roles.addAll(rule.get("permissions").get("roles").strings());
			scopes.addAll(rule.get("permissions").get("scopes").strings());
		}
		for (ProtectedMethod method : methods) {
			for (Requirement requirement : method.requirements()) {
				String name = requirement.name();
				String where = " (" + method.name() + ": " + method.rule() + ")";
				switch (requirement.kind()) {
					case ROLE -> {
						if (!BUILT_IN.contains(name) && !roles.contains(name)) {
							mismatches.add("role '" + name + "' is granted by no accessPolicy.inbound.rules[].permissions.roles"
									+ where);
						}
					}
					case SCOPE -> {
						if (name.contains(":")) {
							if (!exposed(spec, name)) {
								mismatches.add("Maskinporten scope '" + name
										+ "' is not in spec.maskinporten.scopes.exposes" + where);
							}
						}
						else if (!BUILT_IN.contains(name) && !scopes.contains(name)) {
							mismatches.add("scope '" + name + "' is granted by no accessPolicy.inbound.rules[].permissions.scopes"
									+ where);
						}
					}
					case PROVIDER -> {
						IdentityProvider provider = IdentityProvider.valueOf(name).canonical();
						if (!enabled(spec, provider)) {
							mismatches.add("provider " + name + " is not enabled (" + field(provider) + ": true)" + where);
						}
					}
					case LEVEL -> {
						if (!enabled(spec, IdentityProvider.TOKENX) && !enabled(spec, IdentityProvider.IDPORTEN)) {
							mismatches.add("level of assurance " + name + " needs TokenX or ID-porten, and neither is "
									+ "enabled (spec.tokenx.enabled or spec.idporten.enabled: true)" + where);
						}
					}
					case CONSUMER -> {
						if (!admitted(spec, namespace, name)) {
							mismatches.add("consumer " + name + " is admitted by no accessPolicy.inbound.rules entry"
									+ where);
						}
					}
					default -> {
					}
				}
			}
		}
		return mismatches;
	}

	private static void groups(Node spec, Map<String, String> aliases, List<ProtectedMethod> methods,
			List<String> mismatches) {
		Node azure = spec.get("azure").get("application");
		Set<String> ids = new LinkedHashSet<>();
		for (Node group : azure.get("claims").get("groups").list()) {
			String id = group.get("id").text();
			if (id != null) {
				ids.add(id.toLowerCase(Locale.ROOT));
			}
		}
		String allUsers = "true".equals(azure.get("allowAllUsers").text())
				? "allowAllUsers lets every user in, but the groups claim still holds only the listed groups"
				: "its members cannot get a token for this API and the groups claim never holds it";
		Map<String, String> named = new TreeMap<>();
		aliases.forEach((alias, id) -> named.put(id.toLowerCase(Locale.ROOT), "alias '" + alias + "' (" + id + ")"));
		for (ProtectedMethod method : methods) {
			for (Requirement requirement : method.requirements()) {
				if (requirement.kind() == Requirement.Kind.GROUP
						&& NaisTokenAuthorityMapper.isGroupObjectId(requirement.name())) {
					named.putIfAbsent(requirement.name().toLowerCase(Locale.ROOT),
							"group id " + requirement.name() + " in " + method.name());
				}
			}
		}
		named.forEach((id, what) -> {
			if (!ids.contains(id)) {
				mismatches.add(what + " is not in spec.azure.application.claims.groups: " + allUsers);
			}
		});
	}

	private static boolean exposed(Node spec, String scope) {
		for (Node exposes : spec.get("maskinporten").get("scopes").get("exposes").list()) {
			String name = exposes.get("name").text();
			String product = exposes.get("product").text();
			String separator = (exposes.get("separator").text() != null) ? exposes.get("separator").text() : "/";
			if (name != null && product != null && scope.endsWith(":" + product + separator + name)) {
				return true;
			}
		}
		return false;
	}

	private static boolean admitted(Node spec, @Nullable String ownNamespace, String consumer) {
		String[] parts = consumer.split(":", -1);
		if (parts.length != 3) {
			return false;
		}
		for (Node rule : spec.get("accessPolicy").get("inbound").get("rules").list()) {
			String application = rule.get("application").text();
			String namespace = (rule.get("namespace").text() != null) ? rule.get("namespace").text() : ownNamespace;
			String cluster = rule.get("cluster").text();
			if (("*".equals(application) || parts[2].equals(application))
					&& ("*".equals(namespace) || parts[1].equals(namespace))
					&& (cluster == null || parts[0].equals(cluster))) {
				return true;
			}
		}
		return false;
	}

	private static boolean enabled(Node spec, IdentityProvider provider) {
		Node node = switch (provider.canonical()) {
			case TOKENX -> spec.get("tokenx");
			case IDPORTEN -> spec.get("idporten");
			case MASKINPORTEN -> spec.get("maskinporten");
			default -> spec.get("azure").get("application");
		};
		return "true".equals(node.get("enabled").text());
	}

	private static String field(IdentityProvider provider) {
		return switch (provider.canonical()) {
			case TOKENX -> "spec.tokenx.enabled";
			case IDPORTEN -> "spec.idporten.enabled";
			case MASKINPORTEN -> "spec.maskinporten.enabled";
			default -> "spec.azure.application.enabled";
		};
	}

	/** The manifest's {@code kind: Application} document (or its only one). */
	private static Node application(Path manifest) {
		List<Object> documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
			new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader).forEach(documents::add);
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot read the NAIS manifest " + manifest.toAbsolutePath() + ": " + ex, ex);
		}
		for (Object document : documents) {
			if (document instanceof Map<?, ?> map && "Application".equals(map.get("kind"))) {
				return new Node(map);
			}
		}
		if (documents.size() == 1) {
			return new Node(documents.get(0));
		}
		throw new AssertionError("The NAIS manifest " + manifest + " holds no document of kind: Application");
	}

	/** A YAML value, read without caring whether a level is there: a missing one reads as empty. */
	private record Node(@Nullable Object value) {

		Node get(String key) {
			return new Node((this.value instanceof Map<?, ?> map) ? map.get(key) : null);
		}

		List<Node> list() {
			List<Node> nodes = new ArrayList<>();
			if (this.value instanceof List<?> list) {
				list.forEach((item) -> nodes.add(new Node(item)));
			}
			return nodes;
		}

		List<String> strings() {
			return list().stream().map(Node::text).filter(java.util.Objects::nonNull).toList();
		}

		@Nullable String text() {
			return (this.value instanceof String || this.value instanceof Boolean || this.value instanceof Number)
					? String.valueOf(this.value) : null;
		}

	}

}
