package dev.naistoken.autoconfigure.rules;

import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

import dev.naistoken.autoconfigure.NaisTokenConfigurationException;
import dev.naistoken.autoconfigure.NaisTokenProperties.Check;
import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.rules.AccessReports;
import dev.naistoken.rules.ProtectedMethods;
import dev.naistoken.rules.RuleCheck;

/**
 * Runs the {@link RuleCheck} once every bean exists, and fails start-up (or warns) as
 * {@code nais.token.rules.check} says. Also says when rules are present but no method security would
 * enforce them (a rule that silently does nothing fails open), and when the application's method
 * security does not expand the ready-made rules' templates ({@link TemplateProbe}).
 */
final class RuleCheckOnStartup implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(RuleCheckOnStartup.class);

	static final String PROPERTY = "nais.token.rules.check";

	/** The bean Spring Security's method security (servlet and reactive) registers for @PreAuthorize. */
	static final String PRE_AUTHORIZE_INTERCEPTOR = "preAuthorizeAuthorizationMethodInterceptor";

	private final ConfigurableListableBeanFactory beanFactory;

	private final Check mode;

	private final ObjectProvider<AccessReports> reports;

	private final Set<String> aliases;

	private final @Nullable Set<IdentityProvider> acceptedProviders;

	private final String groupPrefix;

	RuleCheckOnStartup(ConfigurableListableBeanFactory beanFactory, Check mode, ObjectProvider<AccessReports> reports,
			Set<String> aliases, @Nullable Set<IdentityProvider> acceptedProviders, String groupPrefix) {
		this.groupPrefix = groupPrefix;
		this.beanFactory = beanFactory;
		this.mode = mode;
		this.reports = reports;
		this.aliases = aliases;
		this.acceptedProviders = acceptedProviders;
	}

	@Override
	public void afterSingletonsInstantiated() {
		AccessReports reports = this.reports.getIfAvailable();
		if (this.mode == Check.OFF || reports == null) {
			return;
		}
		ProtectedMethods methods = reports.methods();
		if (!methods.methods().isEmpty() && !this.beanFactory.containsBean(PRE_AUTHORIZE_INTERCEPTOR)) {
			report("nais.token.enabled", "is on, but method security is off, so the " + methods.methods().size()
					+ " access rules (such as " + methods.methods().get(0).name() + ": " + methods.methods().get(0).rule()
					+ ") would not be enforced and every valid token could call those methods",
					"Enable method security with @EnableMethodSecurity (@EnableReactiveMethodSecurity on WebFlux; "
							+ "prePostEnabled must stay true), or remove "
							+ "the bean that turns it off; " + PROPERTY + "=off silences this check");
		}
		else if (!methods.methods().isEmpty()) {
			String probe = TemplateProbe.problem(this.beanFactory.getBean(PRE_AUTHORIZE_INTERCEPTOR), this.groupPrefix);
			if (probe != null) {
				report(PROPERTY, "is " + this.mode.name().toLowerCase(java.util.Locale.ROOT) + ", and a probe rule "
						+ probe, "Use Spring Security's own method security (@EnableMethodSecurity, "
								+ "@EnableReactiveMethodSecurity on WebFlux, or the starter's), "
								+ "which expands templates, or write these rules as plain @PreAuthorize; " + PROPERTY
								+ "=off silences this check");
			}
		}
		RuleCheck.Problems problems = RuleCheck.check(methods, this.aliases, this.acceptedProviders);
		if (problems.isEmpty()) {
			return;
		}
		String property = !problems.groups().isEmpty() ? "nais.token.groups"
				: !problems.providers().isEmpty() ? "nais.token.providers" : PROPERTY;
		report(property, "does not match the access rules, which would refuse everyone (403) or fail at the first "
				+ "call:" + problems.lines(),
				"Correct the name in the rule, or add the alias to nais.token.groups with the group's object id (an "
						+ "Entra ID group listed under spec.azure.application.claims.groups in the NAIS manifest); for a "
						+ "provider, enable it in the manifest or set its nais.token.providers.<name>.issuer; for "
						+ "several rules on one method, join them in one @PreAuthorize with 'and'. To start anyway, set "
						+ PROPERTY + "=warn (or off)");
	}

	private void report(String property, String problem, String action) {
		NaisTokenConfigurationException failure = new NaisTokenConfigurationException(property, problem, action);
		if (this.mode == Check.FAIL) {
			throw failure;
		}
		logger.warn(failure.getMessage());
	}

}
