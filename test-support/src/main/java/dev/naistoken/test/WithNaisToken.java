package dev.naistoken.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithSecurityContext;

import dev.naistoken.authorities.LevelOfAssurance;
import dev.naistoken.introspection.IdentityProvider;

/**
 * Runs a test as the holder of a token with these claims (Entra ID unless {@link #provider()} says
 * otherwise), without any HTTP call: the claims
 * are read as the starter reads the endpoint's answer and handed to the application's own
 * {@code OpaqueTokenAuthenticationConverter} bean ({@code ReactiveOpaqueTokenAuthenticationConverter} in a
 * WebFlux application), so group aliases and authority prefixes from the application's configuration
 * apply exactly as in production. For MockMvc tests, {@code WebTestClient} tests bound to the application
 * (not to a running server: a real HTTP request needs a real token, from {@link FakeTexas}), and direct
 * calls of {@code @PreAuthorize}-guarded beans, including methods that return a {@code Mono} or a
 * {@code Flux}.
 * <pre class="code">
 * &#64;Test
 * &#64;WithNaisToken(groups = "admins")
 * void adminsMayCloseACase() throws Exception {
 *     mvc.perform(post("/api/cases/1/close")).andExpect(status().isOk());
 * }
 * </pre>
 * The token starts from {@link TokenBuilder}'s defaults (a user calling through a frontend, scope
 * {@value TokenBuilder#DEFAULT_SCOPE}, NAV ident {@value TokenBuilder#DEFAULT_NAV_IDENT}, no groups). On a
 * class it applies to every test method; it can be a meta-annotation ({@code @AsAdmin}).
 * <p>
 * Other providers' tokens take their own claims, and get their provider's authorities
 * ({@code PROVIDER_tokenx}, {@code LOA_high}, Maskinporten's {@code SCOPE_...}):
 * <pre class="code">
 * &#64;WithNaisToken(provider = IdentityProvider.TOKENX, pid = "12345678910", level = LevelOfAssurance.HIGH)
 * &#64;WithNaisToken(provider = IdentityProvider.MASKINPORTEN, organisation = "889640782", scopes = "nav:sample/cases.read")
 * </pre>
 * The Entra ID attributes ({@link #groups()}, {@link #roles()}, {@link #app()}) are refused on another
 * provider's token, so a rule cannot pass by a claim its provider never sends.
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@WithSecurityContext(factory = WithNaisTokenSecurityContextFactory.class)
public @interface WithNaisToken {

	/**
	 * The identity provider whose token it is: Entra ID (default), TokenX, ID-porten or Maskinporten.
	 * @return the provider
	 */
	IdentityProvider provider() default IdentityProvider.ENTRA_ID;

	/**
	 * The citizen's national identity number ({@code pid}) of a TokenX or ID-porten token; ignored for
	 * the others.
	 * @return the pid
	 */
	String pid() default TokenBuilder.DEFAULT_PID;

	/**
	 * The level of assurance of a TokenX or ID-porten token's login ({@code acr}); ignored for the
	 * others. For the legacy spelling, use {@code claims = "acr=Level4"}.
	 * @return the level
	 */
	LevelOfAssurance level() default LevelOfAssurance.HIGH;

	/**
	 * The calling organisation's number of a Maskinporten token ({@code consumer}
	 * {@code 0192:<number>}); ignored for the others.
	 * @return the organisation number
	 */
	String organisation() default TokenBuilder.DEFAULT_ORGANISATION;

	/**
	 * The user's groups: each an alias from the application's {@code nais.token.groups} (resolved to its
	 * object id, as Entra ID sends ids) or a group object id (a UUID). Anything else is an error, so a
	 * misspelt alias cannot quietly make a test pass.
	 * @return aliases or group object ids
	 */
	String[] groups() default {};

	/**
	 * App roles ({@code roles}); an {@link #app()} token also holds
	 * {@value TokenBuilder#ACCESS_AS_APPLICATION}.
	 * @return the roles
	 */
	String[] roles() default {};

	/**
	 * Delegated scopes ({@code scp}), exactly these; ignored for an {@link #app()} token, which has none.
	 * For Maskinporten (and ID-porten) the {@code scope} claim: left at this default, a Maskinporten token
	 * has {@value TokenBuilder#DEFAULT_MASKINPORTEN_SCOPE}. A TokenX token has no scopes.
	 * @return the scopes
	 */
	String[] scopes() default { TokenBuilder.DEFAULT_SCOPE };

	/**
	 * Whether it is an app-to-app token ({@code idtyp=app}, role
	 * {@value TokenBuilder#ACCESS_AS_APPLICATION}, no user claims).
	 * @return {@code true} for an application calling on its own behalf
	 */
	boolean app() default false;

	/**
	 * The user's {@code NAVident}; empty for none. Ignored for an {@link #app()} token.
	 * @return the NAV ident
	 */
	String navIdent() default TokenBuilder.DEFAULT_NAV_IDENT;

	/**
	 * The calling application ({@code cluster:namespace:app}): {@code azp_name} of an Entra ID token,
	 * {@code client_id} of a TokenX or ID-porten token; empty keeps the default.
	 * @return the consumer
	 */
	String consumer() default "";

	/**
	 * Any other claims as {@code name=value}. A value that reads as JSON is taken as JSON ({@code 42},
	 * {@code true}, {@code ["a","b"]}, {@code "quoted"}), any other as a plain string ({@code acr=Level4});
	 * an empty value removes the claim.
	 * @return the claims
	 */
	String[] claims() default {};

	/**
	 * When the security context is set up: before the test method (default) or before its execution,
	 * after {@code @BeforeEach} methods.
	 * @return the event
	 */
	@AliasFor(annotation = WithSecurityContext.class)
	TestExecutionEvent setupBefore() default TestExecutionEvent.TEST_METHOD;

}
