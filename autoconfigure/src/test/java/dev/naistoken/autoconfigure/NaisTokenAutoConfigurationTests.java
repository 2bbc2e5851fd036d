package dev.naistoken.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

import dev.naistoken.authorities.NaisTokenAuthenticationConverter;
import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectedPrincipal;
import dev.naistoken.introspection.IntrospectionEndpointClient;
import dev.naistoken.web.IntrospectionFailureFilter;
import dev.naistoken.introspection.NaisOpaqueTokenIntrospector;
import dev.naistoken.introspection.cache.IntrospectionCache;
import dev.naistoken.introspection.NaisOpaqueTokenIntrospector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the auto-configuration's beans exist, when they back off, and how a wrong setting fails
 * start-up.
 */
class NaisTokenAutoConfigurationTests {

	private static final String ENDPOINT = "nais.token.introspection.endpoint=http://127.0.0.1:7164/api/v1/introspect";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class));

	@Test
	void withAnEndpointEveryPartIsThere() {
		this.runner.withPropertyValues(ENDPOINT).run((context) -> {
			assertThat(context).hasSingleBean(OpaqueTokenIntrospector.class);
			assertThat(context.getBean(OpaqueTokenIntrospector.class)).isInstanceOf(NaisOpaqueTokenIntrospector.class);
			assertThat(context).hasSingleBean(IntrospectionEndpointClient.class);
			assertThat(context).hasSingleBean(IntrospectionCache.class);
			assertThat(context).hasSingleBean(NaisTokenAuthenticationConverter.class);
			assertThat(context).hasSingleBean(SecurityFilterChain.class);
			assertThat(context).hasBean("naisTokenSecurityFilterChain");
			assertThat(context).hasBean("naisTokenHttpSecurityCustomizer");
			assertThat(context).hasSingleBean(BearerTokenResolver.class);
		});
	}

	@Test
	void endpointBindsFromThePlatformsEnvironmentVariable() {
		this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("NAIS_TOKEN_INTROSPECTION_ENDPOINT", "http://127.0.0.1:7164/api/v1/introspect"))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(NaisTokenProperties.class).introspection().endpoint())
					.hasToString("http://127.0.0.1:7164/api/v1/introspect");
			});
	}

	@Test
	void withoutAnEndpointStartUpFailsNamingTheVariableThePropertyAndTheWayOut() {
		this.runner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("nais.token.introspection.endpoint");
			assertThat(analysis.getAction()).contains("NAIS_TOKEN_INTROSPECTION_ENDPOINT")
				.contains("nais.token.enabled=false")
				.doesNotContain("AutoConfigureFakeTexas");
		});
	}

	/** Spring Boot prints the description, then the action: the action must not be read twice. */
	@Test
	void theDescriptionSaysWhatIsWrongAndTheActionHowToFixItWithoutRepeatingEachOther() {
		this.runner.withPropertyValues("nais.token.introspection.endpoint=").run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).startsWith("Property '");
			assertThat(sentences(analysis.getDescription())).doesNotContainAnyElementsOf(sentences(analysis.getAction()));
		});
	}

	/** Wrong values fail once, at binding, with Spring Boot's failure, whose reason names the fix. */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "nais.token.introspection.endpoint=nowhere:7164|nais.token.introspection.endpoint|http://127.0.0.1:7164",
			"nais.token.introspection.read-timeout=0s|nais.token.introspection.read-timeout|such as 2s",
			"nais.token.introspection.cache.max-size=0|nais.token.introspection.cache.max-size|cache.enabled=false",
			"nais.token.authorities.group-prefix=|nais.token.authorities.group-prefix|Set a prefix",
			"nais.token.groups.admins=|nais.token.groups.admins|object id" })
	void aWrongValueFailsAtBindingNamingThePropertyAndTheFix(String setting, String property, String fix) {
		this.runner.withPropertyValues(ENDPOINT, setting).run((context) -> {
			assertThat(context.getStartupFailure()).hasStackTraceContaining("Could not bind properties");
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).startsWith("Invalid value")
				.contains("'" + property + "'")
				.contains(fix);
		});
	}

	@Test
	void aGroupAliasWhoseIdIsNoGroupObjectIdFailsStartUpNamingTheFix() {
		this.runner.withPropertyValues(ENDPOINT, "nais.token.groups.saksbehandler=0000-saksbehandler-gruppe")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("nais.token.groups.saksbehandler")
					.contains("'0000-saksbehandler-gruppe', which is not a group object id")
					.contains("6a1f3c2e-0000-4000-8000-000000000001");
				assertThat(analysis.getDescription()).contains("Object Id")
					.contains("NAIS console")
					.contains("spec.azure.application.claims.groups");
			});
	}

	@Test
	void groupObjectIdsAreAcceptedInEitherCase() {
		this.runner
			.withPropertyValues(ENDPOINT, "nais.token.groups.admins=6A1F3C2E-0000-4000-8000-00000000000A",
					"nais.token.groups.readers=6a1f3c2e-0000-4000-8000-00000000000b")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	/**
	 * {@code GROUP_<alias>} and {@code GROUP_<id>} share one namespace: an alias named like a group's id
	 * would give the aliased group's members that other group's authority.
	 */
	@Test
	void anAliasNamedLikeAGroupObjectIdFailsStartUp() {
		this.runner
			.withPropertyValues(ENDPOINT,
					"nais.token.groups.6a1f3c2e-0000-4000-8000-000000000009=6a1f3c2e-0000-4000-8000-000000000001")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("nais.token.groups.6a1f3c2e-0000-4000-8000-000000000009")
					.contains("group object id");
				assertThat(analysis.getDescription()).contains("readable name");
			});
	}

	/** With equal prefixes a role or scope value could pose as a group, or the other way round. */
	@ParameterizedTest
	@CsvSource({ "group-prefix, role-prefix", "group-prefix, scope-prefix", "role-prefix, scope-prefix",
			"group-prefix, provider-prefix", "scope-prefix, level-prefix", "provider-prefix, level-prefix" })
	void equalAuthorityPrefixesFailStartUp(String first, String second) {
		this.runner
			.withPropertyValues(ENDPOINT, "nais.token.authorities." + first + "=X_",
					"nais.token.authorities." + second + "=X_")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("nais.token.authorities." + second)
					.contains("nais.token.authorities." + first);
			});
	}

	@Test
	void aPrefixThatStartsAnotherFailsStartUp() {
		this.runner
			.withPropertyValues(ENDPOINT, "nais.token.authorities.role-prefix=ROLE_",
					"nais.token.authorities.group-prefix=ROLE_GROUP_")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(analyze(context.getStartupFailure()).getDescription())
					.contains("nais.token.authorities.group-prefix")
					.contains("nais.token.authorities.role-prefix");
			});
	}

	@Test
	void anEndpointThatIsNoUrlFailsStartUp() {
		this.runner.withPropertyValues("nais.token.introspection.endpoint=nowhere:7164").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(analyze(context.getStartupFailure()).getDescription())
				.contains("nais.token.introspection.endpoint")
				.contains("is not an http(s) URL");
		});
	}

	@Test
	void anEndpointWithoutItsSchemeFailsStartUpNamingTheWholeUrl() {
		this.runner.withPropertyValues("nais.token.introspection.endpoint=127.0.0.1:7164/api/v1/introspect")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new EndpointBindFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("'nais.token.introspection.endpoint' is not a URL")
					.contains("127.0.0.1:7164/api/v1/introspect");
				assertThat(analysis.getAction()).contains("http://127.0.0.1:7164/api/v1/introspect");
			});
	}

	@Test
	void aNonPositiveTimeoutFailsStartUp() {
		this.runner.withPropertyValues(ENDPOINT, "nais.token.introspection.read-timeout=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(analyze(context.getStartupFailure()).getDescription())
				.contains("nais.token.introspection.read-timeout");
		});
	}

	@Test
	void anEmptyPrefixFailsStartUp() {
		this.runner.withPropertyValues(ENDPOINT, "nais.token.authorities.group-prefix=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(analyze(context.getStartupFailure()).getDescription())
				.contains("nais.token.authorities.group-prefix");
		});
	}

	@Test
	void anUnknownIdentityProviderFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues(ENDPOINT, "nais.token.introspection.identity-provider=okta").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("nais.token.introspection.identity-provider");
		});
	}

	@Test
	void entraIdBindsUnderItsCanonicalName() {
		this.runner.withPropertyValues(ENDPOINT, "nais.token.introspection.identity-provider=entra_id")
			.run((context) -> assertThat(context.getBean(NaisTokenProperties.class).introspection().identityProvider()
				.wireValue()).isEqualTo("entra_id"));
	}

	@Test
	void disabledStarterContributesNothing() {
		this.runner.withPropertyValues("nais.token.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(OpaqueTokenIntrospector.class);
			assertThat(context).doesNotHaveBean(NaisTokenAuthenticationConverter.class);
			assertThat(context).doesNotHaveBean("naisTokenSecurityFilterChain");
			assertThat(context).doesNotHaveBean("naisTokenHttpSecurityCustomizer");
		});
	}

	@Test
	void cacheOffLeavesThePlainIntrospector() {
		this.runner.withPropertyValues(ENDPOINT, "nais.token.introspection.cache.enabled=false")
			.run((context) -> assertThat(context.getBean(OpaqueTokenIntrospector.class))
				.isInstanceOf(NaisOpaqueTokenIntrospector.class));
	}

	@Test
	void applicationBeansWin() {
		this.runner.withPropertyValues(ENDPOINT).withUserConfiguration(OwnBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(OpaqueTokenIntrospector.class);
			assertThat(context).getBean(OpaqueTokenIntrospector.class).isSameAs(OwnBeans.INTROSPECTOR);
			assertThat(context).hasSingleBean(OpaqueTokenAuthenticationConverter.class);
			assertThat(context).getBean(OpaqueTokenAuthenticationConverter.class).isSameAs(OwnBeans.CONVERTER);
			assertThat(context).getBean(BearerTokenResolver.class).isSameAs(OwnBeans.RESOLVER);
		});
	}

	@Test
	void applicationIntrospectorNeedsNoEndpoint() {
		this.runner.withUserConfiguration(OwnBeans.class).run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void applicationChainReplacesTheDefaultChainAndKeepsTheMapping() {
		this.runner.withPropertyValues(ENDPOINT).withUserConfiguration(OwnChain.class).run((context) -> {
			assertThat(context).hasSingleBean(SecurityFilterChain.class);
			assertThat(context).doesNotHaveBean("naisTokenSecurityFilterChain");
			assertThat(context).hasSingleBean(NaisTokenAuthenticationConverter.class);
			SecurityFilterChain chain = context.getBean(SecurityFilterChain.class);
			assertThat(chain.getFilters()).anySatisfy(
					(filter) -> assertThat(filter).isInstanceOf(IntrospectionFailureFilter.class));
		});
	}

	@Test
	void providerAndLevelPrefixesReachTheConverter() {
		this.runner
			.withPropertyValues(ENDPOINT, "nais.token.authorities.provider-prefix=IDP_",
					"nais.token.authorities.level-prefix=LEVEL_")
			.run((context) -> {
				Authentication authentication = context.getBean(OpaqueTokenAuthenticationConverter.class)
					.convert("token", new IntrospectedPrincipal(Map.of("acr", "idporten-loa-substantial"),
							IdentityProvider.IDPORTEN));
				assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
					.contains("IDP_idporten", "LEVEL_substantial");
			});
	}

	/** A principal an application's own introspector made is a token of the configured provider. */
	@Test
	void aPrincipalOfUnknownOriginIsATokenOfTheConfiguredProvider() {
		this.runner.withPropertyValues(ENDPOINT, "nais.token.introspection.identity-provider=maskinporten")
			.run((context) -> {
				Authentication authentication = context.getBean(OpaqueTokenAuthenticationConverter.class)
					.convert("token", new DefaultOAuth2AuthenticatedPrincipal(Map.of("scope", "nav:a/b"), List.of()));
				assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
					.contains("PROVIDER_maskinporten", "SCOPE_nav:a/b");
			});
	}

	private static List<String> sentences(String text) {
		return Arrays.stream(text.split("(?<=[.:;])\\s+")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

	private static FailureAnalysis analyze(Throwable failure) {
		return StartupFailures.analyze(failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBeans {

		static final OpaqueTokenIntrospector INTROSPECTOR = (token) -> {
			throw new UnsupportedOperationException();
		};

		static final OpaqueTokenAuthenticationConverter CONVERTER = (token, principal) -> null;

		static final BearerTokenResolver RESOLVER = new DefaultBearerTokenResolver();

		@Bean
		OpaqueTokenIntrospector ownIntrospector() {
			return INTROSPECTOR;
		}

		@Bean
		OpaqueTokenAuthenticationConverter ownConverter() {
			return CONVERTER;
		}

		@Bean
		BearerTokenResolver ownResolver() {
			return RESOLVER;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityFilterChain ownChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.opaqueToken(Customizer.withDefaults()))
				.build();
		}

	}

}
