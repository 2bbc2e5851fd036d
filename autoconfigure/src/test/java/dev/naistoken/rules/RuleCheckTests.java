package dev.naistoken.rules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.Advisor;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.core.Authentication;

import dev.naistoken.autoconfigure.NaisTokenAutoConfiguration;
import dev.naistoken.autoconfigure.NaisTokenConfigurationException;
import dev.naistoken.autoconfigure.rules.NaisTokenRulesAutoConfiguration;
import dev.naistoken.introspection.IdentityProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up rule check ({@code nais.token.rules.check}): a rule naming a group that is neither a
 * configured alias nor a group object id stops the application, naming the class, the method, the rule,
 * the unknown name and the known aliases, wherever Spring Security would find the rule.
 */
@ExtendWith(OutputCaptureExtension.class)
class RuleCheckTests {

	static final String ADMINS_ID = "6a1f3c2e-0000-4000-8000-000000000001";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class,
				NaisTokenRulesAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class))
		.withPropertyValues("nais.token.introspection.endpoint=http://127.0.0.1:7164/api/v1/introspect",
				"nais.token.groups.saksbehandler=" + ADMINS_ID, "nais.token.groups.admins=" + ADMINS_ID);

	@Test
	void anUnknownAliasInAnAnnotationFailsStartUp() {
		this.runner.withBean(AnnotatedService.class).run((context) -> assertThat(failure(context))
			.hasMessageContaining("Property 'nais.token.groups'")
			.hasMessageContaining(AnnotatedService.class.getName() + "#close: @RequireGroup(\"saksbehandlr\")")
			.hasMessageContaining("names group 'saksbehandlr'")
			.hasMessageContaining("known: admins, saksbehandler")
			.hasMessageContaining("did you mean 'saksbehandler'?")
			.hasMessageContaining("nais.token.rules.check=warn"));
	}

	@Test
	void anUnknownAliasInAHasAuthorityLiteralFailsStartUp() {
		this.runner.withBean(LiteralService.class).run((context) -> assertThat(failure(context))
			.hasMessageContaining(LiteralService.class.getName()
					+ "#list: @PreAuthorize(\"hasAnyAuthority('GROUP_admins', 'GROUP_saksbehandlr')\")")
			.hasMessageContaining("names group 'saksbehandlr'")
			.hasMessageNotContaining("names group 'admins'"));
	}

	@Test
	void anUnknownAliasInAPostAuthorizeLiteralFailsStartUp() {
		this.runner.withBean(PostService.class).run((context) -> assertThat(failure(context))
			.hasMessageContaining(PostService.class.getName() + "#read: @PostAuthorize(\"hasAuthority('GROUP_readrs')\")")
			.hasMessageContaining("names group 'readrs'"));
	}

	@Test
	void anUnknownAliasInAClassLevelRuleFailsStartUp() {
		this.runner.withBean(ClassLevelService.class).run((context) -> assertThat(failure(context))
			.hasMessageContaining(ClassLevelService.class.getName() + "#open: @RequireGroup(\"admin\")")
			.hasMessageContaining("did you mean 'admins'?"));
	}

	@Test
	void anUnknownAliasOnAnInterfaceMethodFailsStartUp() {
		this.runner.withBean(Implementation.class).run((context) -> assertThat(failure(context))
			.hasMessageContaining(Implementation.class.getName() + "#remove: @RequireGroup(\"superusers\")")
			.hasMessageContaining("names group 'superusers'"));
	}

	@Test
	void anUnknownAliasInAMetaAnnotationFailsStartUp() {
		this.runner.withBean(MetaAnnotatedService.class).run((context) -> assertThat(failure(context))
			.hasMessageContaining(MetaAnnotatedService.class.getName() + "#delete: @RequireGroup(\"sysadmins\")"));
	}

	@Test
	void aProviderWithNoAcceptedIssuerFailsStartUp() {
		this.runner.withBean(ProviderService.class)
			.withPropertyValues("nais.token.providers.entra-id.issuer=https://login.microsoftonline.com/t/v2.0",
					"nais.token.providers.idporten.issuer=https://idporten.no")
			.run((context) -> assertThat(failure(context)).hasMessageContaining("Property 'nais.token.providers'")
				.hasMessageContaining(ProviderService.class.getName() + "#citizens: @RequireProvider(TOKENX, IDPORTEN)")
				.hasMessageContaining("names provider TOKENX, which has no accepted issuer (accepted: ENTRA_ID, IDPORTEN)")
				.hasMessageNotContaining("names provider IDPORTEN"));
	}

	@Test
	void providerRulesAreNotCheckedWhileNoIssuerIsKnown() {
		this.runner.withBean(ProviderService.class).run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void twoRulesOnOneMethodFailStartUpAsSpringSecurityWouldRefuseThemAtTheFirstCall() {
		this.runner.withBean(TwoRulesService.class).run((context) -> assertThat(failure(context))
			.hasMessageContaining(TwoRulesService.class.getSimpleName() + "#both")
			.hasMessageContaining("PreAuthorize"));
	}

	@Test
	void knownAliasesAndGroupObjectIdsStart() {
		this.runner.withBean(GoodService.class).run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void warnLogsTheSameAndStarts(CapturedOutput output) {
		this.runner.withBean(AnnotatedService.class).withPropertyValues("nais.token.rules.check=warn").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("WARN")
				.contains(AnnotatedService.class.getName() + "#close: @RequireGroup(\"saksbehandlr\")")
				.contains("did you mean 'saksbehandler'?");
		});
	}

	@Test
	void offSkipsTheCheck(CapturedOutput output) {
		this.runner.withBean(AnnotatedService.class).withPropertyValues("nais.token.rules.check=off").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).doesNotContain("saksbehandlr");
		});
	}

	@Test
	void rulesWithoutMethodSecurityFailStartUp() {
		// No web application: the starter enables method security only for one (the reactive stack's is
		// still to come), so nothing would enforce the rules.
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class,
					NaisTokenRulesAutoConfiguration.class))
			.withPropertyValues("nais.token.introspection.endpoint=http://127.0.0.1:7164/api/v1/introspect",
					"nais.token.groups.admins=" + ADMINS_ID)
			.withUserConfiguration(NoMethodSecurity.class)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("method security is off"));
	}

	@Test
	void methodSecurityThatDoesNotExpandTemplatesFailsStartUp() {
		this.runner.withBean(GoodService.class)
			.withUserConfiguration(UnexpandedTemplates.class)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("Property 'nais.token.rules.check'")
				.hasMessageContaining("does not expand @PreAuthorize templates, so every ready-made rule would refuse "
						+ "everyone"));
	}

	private static Throwable failure(ApplicationContextAssertProvider<?> context) {
		Throwable failure = context.getStartupFailure();
		assertThat(failure).as("start-up failure").isNotNull();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof NaisTokenConfigurationException) {
				return cause;
			}
		}
		throw new AssertionError("no NaisTokenConfigurationException in " + failure, failure);
	}

	static class AnnotatedService {

		@RequireGroup("saksbehandlr")
		public void close() {
		}

	}

	static class ProviderService {

		@RequireProvider({ IdentityProvider.TOKENX, IdentityProvider.IDPORTEN })
		public void citizens() {
		}

	}

	static class LiteralService {

		@PreAuthorize("hasAnyAuthority('GROUP_admins', 'GROUP_saksbehandlr')")
		public void list() {
		}

	}

	static class PostService {

		@PostAuthorize("hasAuthority('GROUP_readrs')")
		public String read() {
			return "";
		}

	}

	@RequireGroup("admin")
	static class ClassLevelService {

		public void open() {
		}

	}

	interface Contract {

		@RequireGroup("superusers")
		void remove();

	}

	static class Implementation implements Contract {

		@Override
		public void remove() {
		}

	}

	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@RequireGroup("sysadmins")
	@interface AsSysadmin {

	}

	static class MetaAnnotatedService {

		@AsSysadmin
		public void delete() {
		}

	}

	static class TwoRulesService {

		@RequireGroup("admins")
		@RequireScope("defaultaccess")
		public void both() {
		}

	}

	static class GoodService {

		@RequireGroup({ "admins", ADMINS_ID })
		public void close() {
		}

		@PreAuthorize("hasAuthority('GROUP_saksbehandler') or hasAuthority('GROUP_" + ADMINS_ID + "')")
		public void list() {
		}

		@RequireRole("access_as_application")
		public void statistics() {
		}

	}

	/**
	 * An application's own @PreAuthorize interceptor that evaluates the annotation's text as written,
	 * without Spring Security's template expansion.
	 */
	@Configuration(proxyBeanMethods = false)
	static class UnexpandedTemplates {

		@Bean
		static Advisor preAuthorizeAuthorizationMethodInterceptor(BeanFactory beanFactory) {
			AuthorizationManager<MethodInvocation> manager = (authentication, invocation) -> {
				PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(invocation.getMethod(), PreAuthorize.class);
				if (rule == null) {
					return null;
				}
				StandardEvaluationContext evaluation = new StandardEvaluationContext(new Root(authentication.get()));
				evaluation.setBeanResolver(new BeanFactoryResolver(beanFactory));
				Boolean granted = new SpelExpressionParser().parseExpression(rule.value()).getValue(evaluation,
						Boolean.class);
				return new AuthorizationDecision(Boolean.TRUE.equals(granted));
			};
			return AuthorizationManagerBeforeMethodInterceptor.preAuthorize(manager);
		}

	}

	public static class Root {

		private final Authentication authentication;

		Root(Authentication authentication) {
			this.authentication = authentication;
		}

		public Authentication getAuthentication() {
			return this.authentication;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoMethodSecurity {

		@Bean
		GoodService goodService() {
			return new GoodService();
		}

	}

}
