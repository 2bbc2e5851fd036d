package dev.naistoken.introspection;

import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.introspection.cache.IntrospectionCache;
import dev.naistoken.introspection.cache.TokenHash;
import dev.naistoken.logging.RateLimitedLog;

/**
 * The servlet stack's introspector: asks the {@link IntrospectionCache} (when there is one), which
 * asks the {@link IntrospectionEndpointClient} on a miss, and says what the answer means in Spring
 * Security's terms: an active token is a principal of its claims (the authentication converter grants
 * the authorities); an inactive one a {@link BadOpaqueTokenException} (401 {@code invalid_token}); an
 * endpoint that cannot answer an {@link IntrospectionUnavailableException} (503); a refused request an
 * {@link IntrospectionMisconfiguredException} (500). Each call is observed as
 * {@link NaisTokenIntrospectionObservation#INTROSPECTION}, here, where the cache says hit or miss.
 * <p>
 * Inactive reasons are logged at DEBUG, unavailability at WARN, misconfiguration at ERROR; the token and
 * its claims never are. WARN and ERROR lines go through a {@link RateLimitedLog}: a dead endpoint under
 * load writes one line per cause per minute, with the count of repeats, instead of one per request.
 *
 * @since 0.1.0
 */
public final class NaisOpaqueTokenIntrospector implements OpaqueTokenIntrospector {

	private static final Log logger = LogFactory.getLog(NaisOpaqueTokenIntrospector.class);

	private static final NaisTokenIntrospectionObservationConvention DEFAULT_CONVENTION = new DefaultNaisTokenIntrospectionObservationConvention();

	static final String GENERIC_INACTIVE_DESCRIPTION = "The access token is not valid";

	private final RateLimitedLog problems = new RateLimitedLog(logger);

	private final IntrospectionEndpointClient client;

	private final IdentityProvider provider;

	private final boolean exposeInactiveReason;

	private final @Nullable IntrospectionCache cache;

	private final ObservationRegistry registry;

	private final @Nullable NaisTokenIntrospectionObservationConvention convention;

	/**
	 * Creates an introspector without cache or observation.
	 * @param client asks the endpoint
	 * @param provider the identity provider every token is sent for
	 * @param exposeInactiveReason whether the endpoint's reason goes into {@code error_description}
	 */
	public NaisOpaqueTokenIntrospector(IntrospectionEndpointClient client, IdentityProvider provider,
			boolean exposeInactiveReason) {
		this(client, provider, exposeInactiveReason, null, ObservationRegistry.NOOP, null);
	}

	/**
	 * Creates an introspector.
	 * @param client asks the endpoint
	 * @param provider the identity provider every token is sent for
	 * @param exposeInactiveReason whether the endpoint's reason goes into {@code error_description}
	 * @param cache the cache of active tokens, or {@code null} for none
	 * @param registry where observations go
	 * @param convention the application's names and tags, or {@code null} for the starter's
	 */
	public NaisOpaqueTokenIntrospector(IntrospectionEndpointClient client, IdentityProvider provider,
			boolean exposeInactiveReason, @Nullable IntrospectionCache cache, ObservationRegistry registry,
			@Nullable NaisTokenIntrospectionObservationConvention convention) {
		this.client = client;
		this.provider = provider;
		this.exposeInactiveReason = exposeInactiveReason;
		this.cache = cache;
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		IntrospectionCache cache = this.cache;
		if (this.registry.isNoop()) {
			// Nothing observes: no context, no observation, nothing allocated on a cache hit but the principal.
			return new IntrospectedPrincipal(
					(cache != null) ? cache.get(TokenHash.of(token), () -> ask(token)) : ask(token), this.provider);
		}
		NaisTokenIntrospectionContext context = new NaisTokenIntrospectionContext(this.provider, cache != null);
		Observation observation = NaisTokenIntrospectionObservation.INTROSPECTION
			.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.start();
		String outcome = "unavailable";
		try (Observation.Scope scope = observation.openScope()) {
			Map<String, Object> claims = (cache != null)
					? cache.get(TokenHash.of(token), () -> ask(token), context::miss) : ask(token);
			outcome = "active";
			return new IntrospectedPrincipal(claims, this.provider);
		}
		catch (BadOpaqueTokenException ex) {
			outcome = "inactive";
			throw ex;
		}
		catch (IntrospectionMisconfiguredException ex) {
			outcome = "misconfigured";
			observation.error(ex);
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			context.setOutcome(outcome);
			observation.stop();
		}
	}

	private Map<String, Object> ask(String token) {
		IntrospectionResult result = this.client.introspect(this.provider, token);
		if (result instanceof IntrospectionResult.Active active) {
			return active.claims();
		}
		if (result instanceof IntrospectionResult.Inactive inactive) {
			String reason = SafeText.of(inactive.reason());
			if (logger.isDebugEnabled()) {
				logger.debug("Token inactive: " + ((reason != null) ? reason : "(no reason given)"));
			}
			throw new BadOpaqueTokenException(
					(this.exposeInactiveReason && reason != null) ? reason : GENERIC_INACTIVE_DESCRIPTION);
		}
		if (result instanceof IntrospectionResult.Misconfigured misconfigured) {
			this.problems.error("Token introspection misconfigured, answering 500: " + misconfigured.problem());
			throw new IntrospectionMisconfiguredException(misconfigured.problem());
		}
		String cause = ((IntrospectionResult.Unavailable) result).cause();
		this.problems.warn("Token introspection unavailable, answering 503: " + cause);
		throw new IntrospectionUnavailableException(cause);
	}

}
