package dev.naistoken.autoconfigure.rules;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.autoconfigure.NaisTokenAutoConfiguration;
import dev.naistoken.autoconfigure.NaisTokenProperties;
import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.cache.IntrospectionCache;
import dev.naistoken.rules.AccessReports;
import dev.naistoken.rules.NaisTokenRules;

/**
 * The ready-made rules ({@code @RequireGroup} and its siblings): the {@code naisTokenRules} bean their
 * templates call, with the configured authority prefixes; the start-up check of every rule's names
 * ({@code nais.token.rules.check}); and the access report, served as Actuator endpoint
 * {@code naistoken} when the application exposes it. Nothing here depends on the web stack.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NaisTokenAutoConfiguration.class)
@ConditionalOnClass(OpaqueTokenIntrospector.class)
@ConditionalOnBooleanProperty(name = "nais.token.enabled", matchIfMissing = true)
@EnableConfigurationProperties(NaisTokenProperties.class)
public final class NaisTokenRulesAutoConfiguration {

	NaisTokenRulesAutoConfiguration() {
		// Spring Boot creates it; nothing for applications to call.
	}

	@Bean(NaisTokenRules.BEAN_NAME)
	@ConditionalOnMissingBean(name = NaisTokenRules.BEAN_NAME)
	static NaisTokenRules naisTokenRules(NaisTokenProperties properties) {
		NaisTokenProperties.Authorities authorities = properties.authorities();
		return new NaisTokenRules(authorities.groupPrefix(), authorities.rolePrefix(), authorities.scopePrefix(),
				authorities.providerPrefix(), authorities.levelPrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	AccessReports naisTokenAccessReports(ConfigurableListableBeanFactory beanFactory, NaisTokenProperties properties,
			@Qualifier(NaisTokenRules.BEAN_NAME) NaisTokenRules rules,
			ObjectProvider<AnnotationTemplateExpressionDefaults> templates, ObjectProvider<IntrospectionCache> cache) {
		return new AccessReports(beanFactory, rules, templates,
				() -> acceptedProviders(properties).stream().map(IdentityProvider::wireValue).toList(),
				properties.groups(), cache);
	}

	@Bean
	@ConditionalOnMissingBean(name = "naisTokenRuleCheck")
	static RuleCheckOnStartup naisTokenRuleCheck(ConfigurableListableBeanFactory beanFactory,
			NaisTokenProperties properties, ObjectProvider<AccessReports> reports) {
		return new RuleCheckOnStartup(beanFactory, properties.rules().check(), reports, properties.groups().keySet(),
				issuerProviders(properties), properties.authorities().groupPrefix());
	}

	/** The providers whose tokens are accepted, for the report. */
	private static List<IdentityProvider> acceptedProviders(NaisTokenProperties properties) {
		Set<IdentityProvider> issuers = issuerProviders(properties);
		return (issuers != null) ? List.copyOf(issuers) : List.of(properties.introspection().identityProvider().canonical());
	}

	/**
	 * The providers with an accepted issuer; {@code null} while no issuer is known, when every token goes
	 * to the one configured provider.
	 */
	private static @Nullable Set<IdentityProvider> issuerProviders(NaisTokenProperties properties) {
		NaisTokenProperties.Providers providers = properties.providers();
		Set<IdentityProvider> accepted = EnumSet.noneOf(IdentityProvider.class);
		boolean known = false;
		for (Map.Entry<IdentityProvider, NaisTokenProperties.Provider> provider : Map.of(IdentityProvider.ENTRA_ID,
				providers.entraId(), IdentityProvider.TOKENX, providers.tokenx(), IdentityProvider.IDPORTEN,
				providers.idporten(), IdentityProvider.MASKINPORTEN, providers.maskinporten()).entrySet()) {
			String issuer = provider.getValue().issuer();
			known |= issuer != null;
			if (issuer != null && !issuer.isBlank()) {
				accepted.add(provider.getKey());
			}
		}
		return known ? accepted : null;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		NaisTokenEndpoint naisTokenEndpoint(AccessReports reports) {
			return new NaisTokenEndpoint(reports);
		}

	}

}
