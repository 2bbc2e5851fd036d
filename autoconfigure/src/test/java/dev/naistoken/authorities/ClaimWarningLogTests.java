package dev.naistoken.authorities;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim of the wrong shape comes with every token of its issuer: it is worth one warning, not one
 * per request, and the warning names the claim and its type, never its value.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClaimWarningLogTests {

	private final NaisTokenAuthorityMapper mapper = new NaisTokenAuthorityMapper("GROUP_", "ROLE_", "SCOPE_",
			Map.of());

	@Test
	void wrongClaimTypeIsWarnedOnceForManyTokens(CapturedOutput output) {
		for (int i = 0; i < 100; i++) {
			assertThat(this.mapper.map(Map.of("groups", "group-id-" + i)).authorities()).extracting(GrantedAuthority::getAuthority)
				.containsExactly("PROVIDER_entra_id");
		}
		assertThat(lines(output, "Claim 'groups'")).singleElement()
			.asString()
			.contains("WARN")
			.contains("is a string, expected an array of strings");
		assertThat(output).doesNotContain("group-id-");
	}

	@Test
	void groupNamesAreWarnedOnceForManyTokensByClaimNameOnly(CapturedOutput output) {
		for (int i = 0; i < 100; i++) {
			assertThat(this.mapper.map(Map.of("groups", List.of("team-name-" + i))).authorities()).extracting(GrantedAuthority::getAuthority)
				.containsExactly("PROVIDER_entra_id");
		}
		assertThat(lines(output, "Claim 'groups'")).singleElement().asString().contains("WARN");
		assertThat(output).doesNotContain("team-name-");
	}

	@Test
	void eachClaimAndTypeIsItsOwnCause(CapturedOutput output) {
		for (int i = 0; i < 10; i++) {
			this.mapper.map(Map.of("roles", "admin", "scp", List.of("read")));
			this.mapper.map(Map.of("roles", 42));
		}
		assertThat(lines(output, "Claim 'roles'")).hasSize(2);
		assertThat(lines(output, "Claim 'scp'")).hasSize(1);
	}

	@Test
	void groupsOverageIsWarnedOnceForManyTokens(CapturedOutput output) {
		for (int i = 0; i < 100; i++) {
			this.mapper.map(Map.of("hasgroups", true));
		}
		assertThat(lines(output, "groups-overage")).singleElement()
			.asString()
			.contains("spec.azure.application.claims.groups");
	}

	private static List<String> lines(CapturedOutput output, String text) {
		return output.getOut().lines().filter((line) -> line.contains(text)).toList();
	}

}
