package dev.naistoken.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifest example ({@code nais/app.yaml}) matches the application: Entra ID on, the groups the
 * rules name by alias are the groups Entra ID is told to put in tokens, and the probes are on the paths
 * the starter leaves open.
 */
class ManifestTests {

	@Test
	void manifestMatchesTheRules() throws IOException {
		Map<String, Object> spec = child(load(Files.newInputStream(Path.of("nais/app.yaml"))), "spec");
		Map<String, Object> azure = child(child(spec, "azure"), "application");
		Map<String, Object> groups = child(child(child(load(getClass().getResourceAsStream("/application.yaml")),
				"nais"), "token"), "groups");

		assertThat(azure).containsEntry("enabled", true).containsEntry("allowAllUsers", false);
		List<Object> ids = ((List<?>) child(azure, "claims").get("groups")).stream()
			.map((group) -> ((Map<?, ?>) group).get("id"))
			.map(Object.class::cast)
			.toList();
		assertThat(ids).containsExactlyInAnyOrderElementsOf(groups.values());
		assertThat(groups).containsOnlyKeys("readers", "admins");
		assertThat(child(spec, "liveness").get("path")).isEqualTo("/actuator/health/liveness");
		assertThat(child(spec, "readiness").get("path")).isEqualTo("/actuator/health/readiness");
	}

	@Test
	void manifestEnablesTheProvidersOfTheCitizenAndPartnerEndpoints() throws IOException {
		Map<String, Object> spec = child(load(Files.newInputStream(Path.of("nais/app.yaml"))), "spec");

		assertThat(child(spec, "tokenx")).containsEntry("enabled", true);
		assertThat(child(spec, "maskinporten")).containsEntry("enabled", true);
		List<String> exposed = ((List<?>) child(child(spec, "maskinporten"), "scopes").get("exposes")).stream()
			.map((scope) -> (Map<?, ?>) scope)
			.filter((scope) -> Boolean.TRUE.equals(scope.get("enabled")))
			.map((scope) -> "nav:" + scope.get("product") + "/" + scope.get("name"))
			.toList();
		assertThat(exposed).containsExactly("nav:sample/cases.read");
		List<Object> inbound = ((List<?>) child(child(spec, "accessPolicy"), "inbound").get("rules")).stream()
			.map((rule) -> ((Map<?, ?>) rule).get("application"))
			.map(Object.class::cast)
			.toList();
		assertThat(inbound).contains("citizen-frontend");
	}

	private static Map<String, Object> load(InputStream in) throws IOException {
		try (in) {
			return new Yaml().load(in);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> child(Map<String, Object> parent, String name) {
		assertThat(parent).containsKey(name);
		return (Map<String, Object>) parent.get(name);
	}

}
