package dev.naistoken.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.support.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README promises that {@code NAIS_TOKEN_GROUPS_<ALIAS>} in the environment overrides an alias from
 * {@code application.yaml}, so each environment (tenant) can bring its own group ids. The environment
 * variables here reach Spring as Spring Boot reads them: a {@link SystemEnvironmentPropertySource} named
 * {@value StandardEnvironment#SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME}, ahead of the yaml, made
 * origin-aware by Spring Boot's own post-processor.
 */
class GroupAliasEnvironmentOverrideTests {

	private static final String ENDPOINT = "nais.token.introspection.endpoint=http://127.0.0.1:7164/api/v1/introspect";

	private static final String DEV_ID = "6a1f3c2e-0000-4000-8000-00000000000a";

	private static final String PROD_ID = "6a1f3c2e-0000-4000-8000-00000000000b";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class))
		.withPropertyValues(ENDPOINT);

	@Test
	void anAliasOfLettersAndDigitsIsOverriddenByItsEnvironmentVariable() {
		String yaml = "nais.token.groups.casehandlers: " + DEV_ID;
		Map<String, Object> environment = Map.of("NAIS_TOKEN_GROUPS_CASEHANDLERS", PROD_ID);
		this.runner.withInitializer((context) -> configure(context.getEnvironment(), yaml, environment))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(NaisTokenProperties.class).groups())
					.containsExactly(Map.entry("casehandlers", PROD_ID));
			});
	}

	/**
	 * Spring Boot lowercases an environment variable's name and reads each {@code _} as {@code .}:
	 * {@code NAIS_TOKEN_GROUPS_CASE_HANDLERS} becomes a second alias {@code case.handlers} beside the
	 * yaml's {@code case-handlers}, and without the yaml's alias it is the only one, which no rule names.
	 * Whether an override works must not depend on such details: the name fails start-up.
	 */
	@Test
	void anAliasWithAHyphenFailsStartUpSayingWhyAndHowToName() {
		String yaml = "nais.token.groups.case-handlers: " + DEV_ID;
		Map<String, Object> environment = Map.of("NAIS_TOKEN_GROUPS_CASE_HANDLERS", PROD_ID);
		StandardEnvironment bound = new StandardEnvironment();
		configure(bound, yaml, environment);
		assertThat(Binder.get(bound).bind("nais.token.groups", Bindable.mapOf(String.class, String.class)).get())
			.as("what Spring Boot binds: the yaml's alias, and a second one from the variable")
			.containsOnlyKeys("case-handlers", "case.handlers");
		this.runner.withInitializer((context) -> configure(context.getEnvironment(), yaml, environment))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("nais.token.groups.case-handlers")
					.contains("lowercase letters and digits");
				assertThat(analysis.getDescription()).contains("NAIS_TOKEN_GROUPS_CASE_HANDLERS")
					.contains("casehandlers")
					.contains("GROUP_casehandlers");
			});
	}

	@Test
	void anEnvironmentVariableWithAnUnderscoreAloneFailsStartUpNamingTheVariable() {
		Map<String, Object> environment = Map.of("NAIS_TOKEN_GROUPS_CASE_HANDLERS", PROD_ID);
		this.runner.withInitializer((context) -> configure(context.getEnvironment(), "",
				environment))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("nais.token.groups.case.handlers");
				assertThat(analysis.getDescription()).contains("NAIS_TOKEN_GROUPS_CASE_HANDLERS").contains("casehandlers");
			});
	}

	@Test
	void anAliasWithCapitalsOrUnderscoresFailsStartUp() {
		for (String yaml : new String[] { "nais.token.groups.caseHandlers: " + DEV_ID,
				"nais.token.groups.case_handlers: " + DEV_ID }) {
			this.runner.withInitializer((context) -> configure(context.getEnvironment(), yaml,
					Map.of()))
				.run((context) -> {
					assertThat(context).as(yaml).hasFailed();
					assertThat(analysis(context.getStartupFailure()).getDescription()).as(yaml)
						.contains("lowercase letters and digits");
				});
		}
	}

	/**
	 * The yaml last, the environment variables as Spring Boot reads them: the system environment source,
	 * replaced by Spring Boot's own post-processor as {@code SpringApplication} does.
	 */
	private static void configure(ConfigurableEnvironment target, String yaml, Map<String, Object> environment) {
		MutablePropertySources sources = target.getPropertySources();
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
		new SystemEnvironmentPropertySourceEnvironmentPostProcessor().postProcessEnvironment(target,
				new SpringApplication());
		if (!yaml.isEmpty()) {
			try {
				for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yaml",
						new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))) {
					sources.addLast(source);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private static FailureAnalysis analysis(Throwable failure) {
		return StartupFailures.analyze(failure);
	}

}
