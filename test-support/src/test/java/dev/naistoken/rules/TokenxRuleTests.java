package dev.naistoken.rules;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.FakeTexas;
import dev.naistoken.test.TokenBuilder;

import static dev.naistoken.rules.RulesTestApplication.ADMINS_ID;
import static dev.naistoken.rules.RulesTestApplication.READERS_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @RequireLevel} and {@code @RequireProvider} over real HTTP with TokenX tokens the fake endpoint
 * checks: {@code HIGH} passes both levels, {@code SUBSTANTIAL} only its own. Every token goes to TokenX
 * here (one configured provider, no issuers), as routing by issuer is the providers' concern.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "nais.token.groups.readers=" + READERS_ID, "nais.token.groups.admins=" + ADMINS_ID,
				"nais.token.introspection.identity-provider=tokenx", "nais.token.providers.entra-id.issuer=",
				"nais.token.providers.tokenx.issuer=", "nais.token.providers.idporten.issuer=",
				"nais.token.providers.maskinporten.issuer=", "nais.token.rules.check=off" })
@AutoConfigureFakeTexas
class TokenxRuleTests {

	@Autowired
	private FakeTexas texas;

	@LocalServerPort
	private int port;

	@Test
	void requireLevelPassesThatLevelOrHigher() throws Exception {
		String high = this.texas.tokenx().level(TokenBuilder.Level.HIGH).issue();
		String substantial = this.texas.tokenx().level(TokenBuilder.Level.SUBSTANTIAL).issue();

		assertThat(statusOf("/level-high", high)).isEqualTo(200);
		assertThat(statusOf("/level-substantial", high)).isEqualTo(200);
		assertThat(statusOf("/level-substantial", substantial)).isEqualTo(200);
		assertThat(statusOf("/level-high", substantial)).isEqualTo(403);
	}

	@Test
	void requireProviderPassesTheTokensOfItsProvider() throws Exception {
		String citizen = this.texas.tokenx().issue();

		assertThat(statusOf("/provider-tokenx", citizen)).isEqualTo(200);
		assertThat(statusOf("/provider", citizen)).isEqualTo(403);
		assertThat(statusOf("/group", citizen)).isEqualTo(403);
	}

	private int statusOf(String path, String token) {
		return RuleHttpTests.call(this.port, path, token).statusCode();
	}

}
