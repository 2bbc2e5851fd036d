package dev.naistoken.rules;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import dev.naistoken.test.AccessReportPrinter;
import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.FakeTexas;

import static dev.naistoken.rules.RulesTestApplication.ADMINS_ID;
import static dev.naistoken.rules.RulesTestApplication.READERS_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** The test kit prints the access report as a table: each handler with its rule in words. */
@SpringBootTest(properties = { "nais.token.groups.readers=" + READERS_ID, "nais.token.groups.admins=" + ADMINS_ID })
@AutoConfigureFakeTexas
class AccessReportPrinterTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void printsEveryRuleInWordsAndNoTokenData() {
		String text = AccessReportPrinter.text(this.context);

		assertThat(text).startsWith("Access rules (nais-token):\n")
			.containsPattern("  GET /group +-> any of groups readers, admins  \\(Rules#group\\)\n")
			.containsPattern("  GET /admin/class-rule +-> group admins  \\(Admin#classRule\\)\n")
			.containsPattern("  GET /level-high +-> level of assurance high or higher")
			.containsPattern("  GET /provider +-> any of providers entra_id, idporten")
			.containsPattern("  GET /raw +-> group admins")
			.contains("Accepted providers: entra_id, tokenx, idporten, maskinporten\n")
			.contains("  admins = " + ADMINS_ID + "\n")
			.containsPattern("Cache: \\d+ tokens, hit ratio")
			.doesNotContain(FakeTexas.ISSUER);
	}

}
