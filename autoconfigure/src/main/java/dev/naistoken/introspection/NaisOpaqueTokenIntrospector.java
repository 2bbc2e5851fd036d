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

/**
 * The servlet stack's introspector: asks the {@link IntrospectionCache} (when there is one), which
 * asks the {@link IntrospectionEndpointClient} on a miss, and says what the answer means in Spring
 * Security's terms: an active token is a principal of its claims (the authentication converter grants
 * the authorities); an inactive one a {@link BadOpaqueTokenException} (401 {@code invalid_token}); an
 * endpoint that cannot answer an {@link IntrospectionUnavailableException} (503); a refused request an
 * {@link IntrospectionMisconfiguredException} (500). On a miss the token first goes through the
 * {@link IssuerRouting}: to the provider of its issuer, or, with an issuer no provider has (or no JWT at
 * all), nowhere: a 401 without a call. The principal carries the provider that judged the token. Each
 * call is observed as {@link NaisTokenIntrospectionObservation#INTROSPECTION}, here, where the cache
 * says hit or miss.
 * <p>
 * Inactive reasons are logged at DEBUG, unavailability at WARN, misconfiguration at ERROR; the token and
 * its claims never are. WARN and ERROR lines go through a {@link dev.naistoken.logging.RateLimitedLog}: a dead endpoint under
 * load writes one line per cause per minute, with the count of repeats, instead of one per request.
 *
 * @since 0.1.0
 */
public final class NaisOpaqueTokenIntrospector implements OpaqueTokenIntrospector {

	private static final Log logger = LogFactory.getLog(NaisOpaqueTokenIntrospector.class);

	private final IntrospectionSupport support;

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
		this(client, IssuerRouting.singleProvider(provider), exposeInactiveReason, cache, registry, convention);
	}

	/**
	 * Creates an introspector that sends each token to the provider of its issuer.
	 * @param client asks the endpoint
	 * @param routing which provider a token goes to
	 * @param exposeInactiveReason whether the endpoint's reason goes into {@code error_description}
	 * @param cache the cache of active tokens, or {@code null} for none
	 * @param registry where observations go
	 * @param convention the application's names and tags, or {@code null} for the starter's
	 */
	public NaisOpaqueTokenIntrospector(IntrospectionEndpointClient client, IssuerRouting routing,
			boolean exposeInactiveReason, @Nullable IntrospectionCache cache, ObservationRegistry registry,
			@Nullable NaisTokenIntrospectionObservationConvention convention) {
		this.support = new IntrospectionSupport(logger, client, routing, exposeInactiveReason, cache, registry,
				convention);
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		IntrospectionCache cache = this.support.cache;
		Loader loader = new Loader(this.support, token);
		if (this.support.registry.isNoop()) {
			// Nothing observes: no context, no observation, nothing allocated on a cache hit but the principal
			// and the loader (which a capturing lambda would cost as well).
			Map<String, Object> claims = (cache != null) ? cache.get(TokenHash.of(token), loader) : loader.get();
			return new IntrospectedPrincipal(claims, loader.provider(claims));
		}
		NaisTokenIntrospectionContext context = this.support.context();
		Observation observation = this.support.start(context, null);
		Throwable failure = null;
		try (Observation.Scope scope = observation.openScope()) {
			Map<String, Object> claims = (cache != null) ? cache.get(TokenHash.of(token), loader, context::miss)
					: loader.get();
			IdentityProvider provider = loader.provider(claims);
			context.setProvider(provider);
			return new IntrospectedPrincipal(claims, provider);
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			IntrospectionSupport.stop(observation, context, failure);
		}
	}

	/** Asks the endpoint on a cache miss, blocking the calling thread. */
	private static final class Loader extends IntrospectionSupport.RoutedLoader<Map<String, Object>> {

		Loader(IntrospectionSupport support, String token) {
			super(support, token);
		}

		@Override
		public Map<String, Object> get() {
			return this.support.claims(this.support.client.introspect(route(), this.token));
		}

	}

}
