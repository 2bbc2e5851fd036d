package dev.naistoken.manifest;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.NaisManifestCheck;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The manifest check names each kind of mismatch between a NAIS manifest and the application's rules:
 * one manifest per kind under {@code src/test/resources/manifests}, each breaking one thing of
 * {@code matching.yaml}.
 */
@SpringBootTest(properties = { "nais.token.groups.readers=6a1f3c2e-0000-4000-8000-000000000001",
		"nais.token.groups.admins=6a1f3c2e-0000-4000-8000-000000000002" })
@AutoConfigureFakeTexas
class NaisManifestCheckTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void aMatchingManifestPasses() {
		assertThatNoException().isThrownBy(() -> NaisManifestCheck.assertMatches(this.context, manifest("matching")));
	}

	@Test
	void anAliasWhoseGroupIsNotInTheClaims() {
		assertFails("group-not-in-claims",
				"alias 'admins' (6a1f3c2e-0000-4000-8000-000000000002) is not in spec.azure.application.claims.groups: "
						+ "its members cannot get a token for this API and the groups claim never holds it");
	}

	@Test
	void anAliasWhoseGroupIsNotInTheClaimsWithAllUsersSaysSo() {
		assertFails("group-not-in-claims-all-users",
				"alias 'readers' (6a1f3c2e-0000-4000-8000-000000000001) is not in spec.azure.application.claims.groups: "
						+ "allowAllUsers lets every user in, but the groups claim still holds only the listed groups",
				"alias 'admins' (6a1f3c2e-0000-4000-8000-000000000002) is not in spec.azure.application.claims.groups: "
						+ "allowAllUsers lets every user in, but the groups claim still holds only the listed groups");
	}

	@Test
	void aRoleNoInboundRuleGrants() {
		assertFails("role-not-granted", "role 'case.write' is granted by no accessPolicy.inbound.rules[].permissions.roles "
				+ "(Rules#write: @PreAuthorize(\"hasRole('case.write')\"))");
	}

	@Test
	void aScopeNoInboundRuleGrants() {
		assertFails("scope-not-granted", "scope 'cases.export' is granted by no accessPolicy.inbound.rules[].permissions."
				+ "scopes (Rules#export: @RequireScope(\"cases.export\", \"defaultaccess\"))");
	}

	@Test
	void aProviderTheManifestDoesNotEnable() {
		assertFails("provider-not-enabled",
				"provider TOKENX is not enabled (spec.tokenx.enabled: true) (Rules#citizen: @RequireProvider(TOKENX))",
				"level of assurance HIGH needs TokenX or ID-porten, and neither is enabled");
	}

	@Test
	void aConsumerNoInboundRuleAdmits() {
		assertFails("consumer-not-admitted", "consumer dev-gcp:team-batch:case-batch is admitted by no "
				+ "accessPolicy.inbound.rules entry (Rules#batch: @RequireConsumer(\"dev-gcp:team-batch:case-batch\"))");
	}

	@Test
	void aMaskinportenScopeTheManifestDoesNotExpose() {
		assertFails("maskinporten-scope-not-exposed", "Maskinporten scope 'nav:cases/cases.read' is not in "
				+ "spec.maskinporten.scopes.exposes (Rules#partner: @RequireScope(\"nav:cases/cases.read\"))");
	}

	private void assertFails(String name, String... mismatches) {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> NaisManifestCheck.assertMatches(this.context, manifest(name)))
			.withMessageStartingWith("The NAIS manifest " + manifest(name) + " does not match the application's rules ("
					+ mismatches.length + " mismatch")
			.withMessageContainingAll(mismatches);
	}

	private static Path manifest(String name) {
		return Path.of("src/test/resources/manifests/" + name + ".yaml");
	}

}
