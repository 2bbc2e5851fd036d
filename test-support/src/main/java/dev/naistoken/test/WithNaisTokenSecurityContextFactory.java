package dev.naistoken.test;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.JacksonException;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenAuthenticationConverter;
import org.springframework.security.test.context.support.WithSecurityContextFactory;
import org.springframework.util.ClassUtils;

import dev.naistoken.authorities.NaisTokenAuthorityMapper;
import dev.naistoken.autoconfigure.NaisTokenProperties;
import dev.naistoken.introspection.IntrospectedPrincipal;
import dev.naistoken.introspection.IntrospectionResponseReader;
import dev.naistoken.introspection.IntrospectionResult;

/**
 * Builds the security context for {@link WithNaisToken}: claims from the annotation, read by the
 * starter's {@link IntrospectionResponseReader} as if the endpoint had answered them, converted by the
 * application's {@link OpaqueTokenAuthenticationConverter} bean, or in a reactive (WebFlux) application
 * its {@link ReactiveOpaqueTokenAuthenticationConverter} bean. Created by Spring Security Test from the
 * test's application context, which supplies the beans. Spring Security Test hands the context to
 * MockMvc, and to {@code WebTestClient} and reactive method calls through the Reactor context
 * ({@code ReactorContextTestExecutionListener}).
 */
final class WithNaisTokenSecurityContextFactory implements WithSecurityContextFactory<WithNaisToken> {

	/** One key per provider, made on first use: the token is never checked, but it is a real one. */
	private static final Map<FakeTexas.Provider, TokenSigner> signers = new ConcurrentHashMap<>();

	private static final boolean reactorPresent = ClassUtils.isPresent("reactor.core.publisher.Mono",
			WithNaisTokenSecurityContextFactory.class.getClassLoader());

	private final ObjectProvider<OpaqueTokenAuthenticationConverter> converter;

	private final ObjectProvider<NaisTokenProperties> properties;

	private final ApplicationContext context;

	private final SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	WithNaisTokenSecurityContextFactory(ObjectProvider<OpaqueTokenAuthenticationConverter> converter,
			ObjectProvider<NaisTokenProperties> properties, ApplicationContext context) {
		this.converter = converter;
		this.properties = properties;
		this.context = context;
	}

	@Override
	public SecurityContext createSecurityContext(WithNaisToken annotation) {
		TokenBuilder token = tokenFor(annotation);
		IntrospectionResult result = new IntrospectionResponseReader().read(200,
				TokenVerifier.activeBody(token.payload()), annotation.provider());
		if (!(result instanceof IntrospectionResult.Active active)) {
			throw new IllegalArgumentException("@WithNaisToken's claims are not an answer the starter accepts as an "
					+ "active token: " + result);
		}
		// The converter builds the principal from the claims, as it does for the introspector's answer.
		Authentication authentication = convert(token.issue(),
				new IntrospectedPrincipal(active.claims(), annotation.provider()));
		SecurityContext context = this.securityContextHolderStrategy.createEmptyContext();
		context.setAuthentication(authentication);
		return context;
	}

	/**
	 * Converts with the converter the application's requests go through: the reactive one in a reactive
	 * web application (where an application replaces that one, not the servlet one), else the servlet one;
	 * either when the other is missing.
	 */
	private Authentication convert(String token, OAuth2AuthenticatedPrincipal principal) {
		boolean reactive = this.context instanceof ReactiveWebApplicationContext;
		Authentication authentication = reactive ? reactiveConversion(token, principal) : null;
		if (authentication == null) {
			OpaqueTokenAuthenticationConverter converter = this.converter.getIfAvailable();
			authentication = (converter != null) ? converter.convert(token, principal) : null;
		}
		if (authentication == null && !reactive) {
			authentication = reactiveConversion(token, principal);
		}
		if (authentication == null) {
			throw new IllegalStateException("@WithNaisToken needs the application's OpaqueTokenAuthenticationConverter "
					+ "bean (ReactiveOpaqueTokenAuthenticationConverter in a WebFlux application), which "
					+ "nais-token-spring-boot-starter provides: is the starter on the classpath and "
					+ "nais.token.enabled not false?");
		}
		return authentication;
	}

	private @Nullable Authentication reactiveConversion(String token, OAuth2AuthenticatedPrincipal principal) {
		return reactorPresent ? ReactiveConversion.convert(this.context, token, principal) : null;
	}

	/** Apart, so that the factory loads in a servlet application without Reactor on its class path. */
	private static final class ReactiveConversion {

		static @Nullable Authentication convert(ApplicationContext context, String token,
				OAuth2AuthenticatedPrincipal principal) {
			ReactiveOpaqueTokenAuthenticationConverter converter = context
				.getBeanProvider(ReactiveOpaqueTokenAuthenticationConverter.class)
				.getIfAvailable();
			// The test's own thread, no event loop: waiting for the mapping is fine here.
			return (converter != null) ? converter.convert(token, principal).block() : null;
		}

	}

	private TokenBuilder tokenFor(WithNaisToken annotation) {
		FakeTexas.Provider provider = FakeTexas.Provider.of(annotation.provider().wireValue());
		TokenBuilder token = new TokenBuilder(provider, Instant.now(),
				signers.computeIfAbsent(provider, TokenSigner::new));
		if (provider == FakeTexas.Provider.ENTRA_ID) {
			entraIdClaims(annotation, token);
		}
		else {
			otherProviderClaims(annotation, provider, token);
		}
		for (String claim : annotation.claims()) {
			int equals = claim.indexOf('=');
			if (equals <= 0) {
				throw new IllegalArgumentException(
						"@WithNaisToken(claims = \"" + claim + "\"): write each claim as name=value");
			}
			String value = claim.substring(equals + 1);
			token.claim(claim.substring(0, equals), value.isEmpty() ? null : jsonOrString(value));
		}
		return token;
	}

	private void entraIdClaims(WithNaisToken annotation, TokenBuilder token) {
		if (annotation.app()) {
			token.app();
		}
		else {
			token.scopes(annotation.scopes());
			token.navIdent(annotation.navIdent().isEmpty() ? null : annotation.navIdent());
		}
		token.groups(groupIds(annotation.groups()));
		if (annotation.roles().length > 0) {
			token.roles(annotation.roles());
		}
		if (!annotation.consumer().isEmpty()) {
			token.consumer(annotation.consumer());
		}
	}

	/** TokenX, ID-porten, Maskinporten: their own claims; Entra ID's attributes would grant what they never send. */
	private static void otherProviderClaims(WithNaisToken annotation, FakeTexas.Provider provider, TokenBuilder token) {
		if (annotation.groups().length > 0 || annotation.roles().length > 0 || annotation.app()) {
			throw new IllegalArgumentException("@WithNaisToken(provider = " + annotation.provider() + "): groups, "
					+ "roles and app are Entra ID claims, which a " + provider + " token never holds");
		}
		boolean defaultScopes = Arrays.equals(annotation.scopes(), new String[] { TokenBuilder.DEFAULT_SCOPE });
		if (provider == FakeTexas.Provider.MASKINPORTEN) {
			token.organisation(annotation.organisation());
			if (!defaultScopes) {
				token.scopes(annotation.scopes());
			}
			if (!annotation.consumer().isEmpty()) {
				throw new IllegalArgumentException("@WithNaisToken(provider = MASKINPORTEN): the caller is an "
						+ "organisation; set organisation, not consumer");
			}
			return;
		}
		token.pid(annotation.pid());
		token.level(TokenBuilder.Level.valueOf(annotation.level().name()));
		if (!defaultScopes) {
			token.scopes(annotation.scopes());
		}
		if (!annotation.consumer().isEmpty()) {
			token.consumer(annotation.consumer());
		}
	}

	private String[] groupIds(String[] groups) {
		NaisTokenProperties properties = this.properties.getIfAvailable();
		Map<String, String> aliases = (properties != null) ? properties.groups() : Map.of();
		String[] ids = new String[groups.length];
		for (int i = 0; i < groups.length; i++) {
			String id = aliases.get(groups[i]);
			if (id == null && !NaisTokenAuthorityMapper.isGroupObjectId(groups[i])) {
				throw new IllegalArgumentException("@WithNaisToken(groups = \"" + groups[i] + "\"): neither an alias "
						+ "in nais.token.groups " + aliases.keySet() + " nor a group object id (a UUID)");
			}
			ids[i] = (id != null) ? id : groups[i];
		}
		return ids;
	}

	private static Object jsonOrString(String value) {
		try {
			return TokenBuilder.JSON.readValue(value, Object.class);
		}
		catch (JacksonException ex) {
			return value;
		}
	}

}
