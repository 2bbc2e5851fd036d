package dev.naistoken.introspection;

import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import dev.naistoken.introspection.cache.IntrospectionCache;
import dev.naistoken.logging.RateLimitedLog;

/**
 * What both introspectors share, so that the stacks differ only in how they wait: the endpoint client,
 * issuer routing, cache and observation they use, and what an {@link IntrospectionResult} means in Spring
 * Security's terms and what is logged about it: an active token's claims; an inactive one a {@link BadOpaqueTokenException}
 * (401 {@code invalid_token}), its reason at DEBUG; an endpoint that cannot answer an
 * {@link IntrospectionUnavailableException} (503), at WARN; a refused request an
 * {@link IntrospectionMisconfiguredException} (500), at ERROR. WARN and ERROR lines go through a
 * {@link RateLimitedLog}. Each introspection is observed with the outcome named here.
 */
final class IntrospectionSupport {

	private static final NaisTokenIntrospectionObservationConvention DEFAULT_CONVENTION = new DefaultNaisTokenIntrospectionObservationConvention();

	static final String GENERIC_INACTIVE_DESCRIPTION = "The access token is not valid";

	private final Log logger;

	private final RateLimitedLog problems;

	private final boolean exposeInactiveReason;

	final IntrospectionEndpointClient client;

	final IssuerRouting routing;

	final @Nullable IntrospectionCache cache;

	final ObservationRegistry registry;

	private final @Nullable NaisTokenIntrospectionObservationConvention convention;

	IntrospectionSupport(Log logger, IntrospectionEndpointClient client, IssuerRouting routing,
			boolean exposeInactiveReason, @Nullable IntrospectionCache cache, ObservationRegistry registry,
			@Nullable NaisTokenIntrospectionObservationConvention convention) {
		this.logger = logger;
		this.problems = new RateLimitedLog(logger);
		this.exposeInactiveReason = exposeInactiveReason;
		this.client = client;
		this.routing = routing;
		this.cache = cache;
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * Starts observing one introspection.
	 * @param context its context, whose outcome {@link #stop} sets
	 * @param parent the request's observation, when the stack does not have it current
	 */
	Observation start(NaisTokenIntrospectionContext context, @Nullable Observation parent) {
		Observation observation = NaisTokenIntrospectionObservation.INTROSPECTION.observation(this.convention,
				DEFAULT_CONVENTION, () -> context, this.registry);
		if (parent != null) {
			observation.parentObservation(parent);
		}
		return observation.start();
	}

	/**
	 * Ends an observation with the outcome of the introspection.
	 * @param failure what it threw, or {@code null} for an active token
	 */
	static void stop(Observation observation, NaisTokenIntrospectionContext context, @Nullable Throwable failure) {
		context.setOutcome((failure != null) ? outcome(failure) : "active");
		if (failure != null && !(failure instanceof BadOpaqueTokenException)) {
			// An inactive token is an answer, not an error.
			observation.error(failure);
		}
		observation.stop();
	}

	NaisTokenIntrospectionContext context() {
		return new NaisTokenIntrospectionContext(this.routing.fallback(), this.cache != null);
	}

	/**
	 * On a cache miss only: the provider of the token's unverified issuer; a token that goes nowhere (an
	 * issuer no provider has, or no JWT at all) is a 401 without a call to the endpoint.
	 */
	IdentityProvider route(String token) {
		IssuerRouting.Route route = this.routing.route(token);
		IdentityProvider provider = route.provider();
		if (provider == null) {
			String refusal = String.valueOf(route.refusal());
			if (this.logger.isDebugEnabled()) {
				this.logger.debug("Token refused without asking the endpoint: " + refusal);
			}
			throw new BadOpaqueTokenException(this.exposeInactiveReason ? refusal : GENERIC_INACTIVE_DESCRIPTION);
		}
		return provider;
	}

	/**
	 * Asks the endpoint on a cache miss, and remembers where it sent the token: the provider of a miss is
	 * the one that judged the token; that of a hit is read from the cached, verified {@code iss}. One per
	 * introspection; each stack says how it asks.
	 * @param <T> the claims, or how they arrive
	 */
	abstract static class RoutedLoader<T> implements Supplier<T> {

		final IntrospectionSupport support;

		final String token;

		private volatile @Nullable IdentityProvider provider;

		RoutedLoader(IntrospectionSupport support, String token) {
			this.support = support;
			this.token = token;
		}

		/** Routes the token (a miss) and remembers the provider. */
		IdentityProvider route() {
			IdentityProvider routed = this.support.route(this.token);
			this.provider = routed;
			return routed;
		}

		IdentityProvider provider(Map<String, Object> claims) {
			IdentityProvider routed = this.provider;
			return (routed != null) ? routed : this.support.routing.providerOf(claims);
		}

	}

	/**
	 * The claims of an active token; throws for anything else.
	 */
	Map<String, Object> claims(IntrospectionResult result) {
		if (result instanceof IntrospectionResult.Active active) {
			return active.claims();
		}
		throw failure(result);
	}

	private RuntimeException failure(IntrospectionResult result) {
		if (result instanceof IntrospectionResult.Inactive inactive) {
			String reason = SafeText.of(inactive.reason());
			if (this.logger.isDebugEnabled()) {
				this.logger.debug("Token inactive: " + ((reason != null) ? reason : "(no reason given)"));
			}
			return new BadOpaqueTokenException(
					(this.exposeInactiveReason && reason != null) ? reason : GENERIC_INACTIVE_DESCRIPTION);
		}
		if (result instanceof IntrospectionResult.Misconfigured misconfigured) {
			this.problems.error("Token introspection misconfigured, answering 500: " + misconfigured.problem());
			return new IntrospectionMisconfiguredException(misconfigured.problem());
		}
		String cause = ((IntrospectionResult.Unavailable) result).cause();
		this.problems.warn("Token introspection unavailable, answering 503: " + cause);
		return new IntrospectionUnavailableException(cause);
	}

	/**
	 * The observation's outcome for a failed introspection.
	 */
	private static String outcome(Throwable failure) {
		if (failure instanceof BadOpaqueTokenException) {
			return "inactive";
		}
		return (failure instanceof IntrospectionMisconfiguredException) ? "misconfigured" : "unavailable";
	}

}
