package dev.naistoken.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.NaisManifestCheck;

/**
 * The manifest example ({@code nais/app.yaml}) matches the application's rules: the groups the rules
 * name by alias are the groups Entra ID puts in tokens, the roles and scopes are granted, the callers
 * admitted, the providers enabled.
 */
@SpringBootTest
@AutoConfigureFakeTexas
class ManifestTests {

	@Test
	void manifestMatchesTheRules(@Autowired ApplicationContext context) {
		NaisManifestCheck.assertMatches(context);
	}

}
