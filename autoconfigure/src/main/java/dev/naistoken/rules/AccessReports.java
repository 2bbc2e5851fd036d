package dev.naistoken.rules;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;

import dev.naistoken.introspection.cache.IntrospectionCache;

/**
 * The application's rules, read once from its bean classes, and its {@link AccessReport} on demand (the
 * cache's counts change). A bean of the starter: the start-up check, the Actuator endpoint and the test
 * kit read the same scan.
 */
public final class AccessReports {

	private final ConfigurableListableBeanFactory beanFactory;

	private final NaisTokenRules rules;

	private final ObjectProvider<AnnotationTemplateExpressionDefaults> templates;

	private final Supplier<List<String>> providers;

	private final Map<String, String> aliases;

	private final ObjectProvider<IntrospectionCache> cache;

	private volatile @Nullable ProtectedMethods methods;

	/**
	 * Creates the reports of an application.
	 * @param beanFactory the application's bean factory
	 * @param rules the rules bean
	 * @param templates the application's template settings for method security, if it has its own
	 * @param providers the accepted identity providers, e.g. {@code entra_id}
	 * @param aliases the group aliases, alias to object id
	 * @param cache the cache, when on
	 */
	public AccessReports(ConfigurableListableBeanFactory beanFactory, NaisTokenRules rules,
			ObjectProvider<AnnotationTemplateExpressionDefaults> templates, Supplier<List<String>> providers,
			Map<String, String> aliases, ObjectProvider<IntrospectionCache> cache) {
		this.beanFactory = beanFactory;
		this.rules = rules;
		this.templates = templates;
		this.providers = providers;
		this.aliases = aliases;
		this.cache = cache;
	}

	/**
	 * The protected methods, scanned on first use.
	 * @return the methods
	 */
	public ProtectedMethods methods() {
		ProtectedMethods methods = this.methods;
		if (methods == null) {
			methods = ProtectedMethods.scan(this.beanFactory, this.rules, this.templates.getIfUnique());
			this.methods = methods;
		}
		return methods;
	}

	/**
	 * The report as of now.
	 * @return the report
	 */
	public AccessReport report() {
		return AccessReport.of(methods(), this.providers.get(), this.aliases, this.cache.getIfAvailable());
	}

}
