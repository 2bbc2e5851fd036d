package dev.naistoken.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IssuerRouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Which providers an application accepts: the platform's issuer variables, overridden (or switched off
 * with an empty value) by {@code nais.token.providers.<name>.issuer}, and the one line at start-up that
 * says so.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProviderIssuersTests {

	private static final String ENDPOINT = "nais.token.introspection.endpoint=http://127.0.0.1:7164/api/v1/introspect";

	private static final String ENTRA = "https://login.microsoftonline.com/966ac572-f5b7-4bbe-aa88-c76419c0f851/v2.0";

	private static final String TOKENX = "https://tokenx.dev-gcp.nav.cloud.nais.io";

	private static final String IDPORTEN = "https://test.idporten.no";

	private static final String MASKINPORTEN = "https://test.maskinporten.no/";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class))
		.withPropertyValues(ENDPOINT);

	@Test
	void thePlatformsVariablesNameTheAcceptedProviders(CapturedOutput output) {
		this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("AZURE_OPENID_CONFIG_ISSUER", ENTRA, "TOKEN_X_ISSUER", TOKENX, "IDPORTEN_ISSUER", IDPORTEN,
							"MASKINPORTEN_ISSUER", MASKINPORTEN))))
			.run((context) -> {
				assertThat(context.getBean(IssuerRouting.class).issuers()).containsExactly(
						entry(IdentityProvider.AZUREAD, ENTRA), entry(IdentityProvider.TOKENX, TOKENX),
						entry(IdentityProvider.IDPORTEN, IDPORTEN), entry(IdentityProvider.MASKINPORTEN, MASKINPORTEN));
				assertThat(output.getOut().lines().filter((line) -> line.contains("nais-token accepts tokens of")))
					.singleElement()
					.asString()
					.contains("INFO")
					.contains("entra_id (issuer " + ENTRA + "), tokenx (issuer " + TOKENX + "), idporten (issuer "
							+ IDPORTEN + "), maskinporten (issuer " + MASKINPORTEN + ")");
			});
	}

	@Test
	void aPropertySetsOrOverridesAnIssuer() {
		this.runner
			.withPropertyValues("TOKEN_X_ISSUER=" + TOKENX, "nais.token.providers.tokenx.issuer=https://other.tokenx",
					"nais.token.providers.maskinporten.issuer=" + MASKINPORTEN)
			.run((context) -> assertThat(context.getBean(IssuerRouting.class).issuers()).containsExactly(
					entry(IdentityProvider.TOKENX, "https://other.tokenx"),
					entry(IdentityProvider.MASKINPORTEN, MASKINPORTEN)));
	}

	@Test
	void anEmptyPropertySwitchesAProviderOffWhateverThePlatformSets() {
		this.runner
			.withPropertyValues("AZURE_OPENID_CONFIG_ISSUER=" + ENTRA, "TOKEN_X_ISSUER=" + TOKENX,
					"nais.token.providers.tokenx.issuer=")
			.run((context) -> assertThat(context.getBean(IssuerRouting.class).issuers())
				.containsExactly(entry(IdentityProvider.AZUREAD, ENTRA)));
	}

	@Test
	void entraIdTokensGoUnderTheConfiguredNameWhenItNamesEntraId() {
		this.runner
			.withPropertyValues("AZURE_OPENID_CONFIG_ISSUER=" + ENTRA,
					"nais.token.introspection.identity-provider=entra_id")
			.run((context) -> assertThat(context.getBean(IssuerRouting.class).issuers())
				.containsOnlyKeys(IdentityProvider.ENTRA_ID));
		this.runner
			.withPropertyValues("AZURE_OPENID_CONFIG_ISSUER=" + ENTRA,
					"nais.token.introspection.identity-provider=tokenx")
			.run((context) -> assertThat(context.getBean(IssuerRouting.class).issuers())
				.containsOnlyKeys(IdentityProvider.AZUREAD));
	}

	@Test
	void noIssuerKnownSendsEveryTokenToTheConfiguredProvider(CapturedOutput output) {
		this.runner.withPropertyValues("nais.token.introspection.identity-provider=idporten").run((context) -> {
			IssuerRouting routing = context.getBean(IssuerRouting.class);
			assertThat(routing.routesByIssuer()).isFalse();
			assertThat(routing.route("anything").provider()).isEqualTo(IdentityProvider.IDPORTEN);
			assertThat(output).contains("nais-token sends every token to identity provider 'idporten'")
				.contains("AZURE_OPENID_CONFIG_ISSUER, TOKEN_X_ISSUER, IDPORTEN_ISSUER, MASKINPORTEN_ISSUER unset");
		});
	}

	@Test
	void twoProvidersWithOneIssuerFailStartUp() {
		this.runner.withPropertyValues("TOKEN_X_ISSUER=" + TOKENX, "nais.token.providers.idporten.issuer=" + TOKENX)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.analyze(context.getStartupFailure()).getDescription())
					.contains("nais.token.providers.idporten.issuer")
					.contains("issuer of tokenx");
			});
	}

	@Test
	void theApplicationsOwnRoutingWins() {
		IssuerRouting own = IssuerRouting.singleProvider(IdentityProvider.MASKINPORTEN);
		this.runner.withPropertyValues("TOKEN_X_ISSUER=" + TOKENX)
			.withBean(IssuerRouting.class, () -> own)
			.run((context) -> assertThat(context.getBean(IssuerRouting.class)).isSameAs(own));
	}

}
