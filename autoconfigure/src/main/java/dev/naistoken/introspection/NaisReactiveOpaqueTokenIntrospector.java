package dev.naistoken.introspection;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;

import dev.naistoken.introspection.cache.IntrospectionCache;
import dev.naistoken.introspection.cache.TokenHash;

/**
 * The reactive stack's introspector: the servlet one's twin on the same {@link IntrospectionCache},
 * {@link IntrospectionEndpointClient} and meaning of each answer (same statuses, same log lines), with
 * a call that never blocks. A cache hit answers at once on the calling thread; a miss asks through
 * {@link IntrospectionEndpointClient#introspectAsync}, whose answer arrives on the transport's event
 * loop, and joins any call already under way for the same token, whichever stack started it.
 * <p>
 * Cancelling a subscription (a client that hung up) never cancels a call that other requests wait
 * for: each subscriber waits on a future of its own, and the call runs to its deadline. Each call is
 * observed as {@link NaisTokenIntrospectionObservation#INTROSPECTION}, as a child of the observation
 * found in the subscriber's Reactor context (WebFlux's server observation puts the request's there),
 * and the endpoint's request is sent inside that observation's scope, so its {@code traceparent} is the
 * request's trace.
 *
 * @since 0.1.0
 */
public final class NaisReactiveOpaqueTokenIntrospector implements ReactiveOpaqueTokenIntrospector {

	private static final Log logger = LogFactory.getLog(NaisReactiveOpaqueTokenIntrospector.class);

	private static final NaisTokenIntrospectionObservationConvention DEFAULT_CONVENTION = new DefaultNaisTokenIntrospectionObservationConvention();

	private static final Runnable NOTHING = () -> {
	};

	private final IntrospectionEndpointClient client;

	private final IdentityProvider provider;

	private final IntrospectionMeaning meaning;

	private final @Nullable IntrospectionCache cache;

	private final ObservationRegistry registry;

	private final @Nullable NaisTokenIntrospectionObservationConvention convention;

	/**
	 * Creates an introspector.
	 * @param client asks the endpoint
	 * @param provider the identity provider every token is sent for
	 * @param exposeInactiveReason whether the endpoint's reason goes into {@code error_description}
	 * @param cache the cache of active tokens, or {@code null} for none
	 * @param registry where observations go
	 * @param convention the application's names and tags, or {@code null} for the starter's
	 */
	public NaisReactiveOpaqueTokenIntrospector(IntrospectionEndpointClient client, IdentityProvider provider,
			boolean exposeInactiveReason, @Nullable IntrospectionCache cache, ObservationRegistry registry,
			@Nullable NaisTokenIntrospectionObservationConvention convention) {
		this.client = client;
		this.provider = provider;
		this.meaning = new IntrospectionMeaning(logger, exposeInactiveReason);
		this.cache = cache;
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public Mono<OAuth2AuthenticatedPrincipal> introspect(String token) {
		if (this.registry.isNoop()) {
			return Mono.defer(() -> principal(claims(token, NOTHING)));
		}
		return Mono.deferContextual((reactorContext) -> {
			NaisTokenIntrospectionContext context = new NaisTokenIntrospectionContext(this.provider,
					this.cache != null);
			Observation observation = NaisTokenIntrospectionObservation.INTROSPECTION
				.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
				.parentObservation(reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			CompletableFuture<Map<String, Object>> claims;
			try (Observation.Scope scope = observation.openScope()) {
				claims = claims(token, context::miss);
			}
			return principal(claims).doOnSuccess((principal) -> {
				context.setOutcome("active");
				observation.stop();
			}).doOnError((failure) -> {
				context.setOutcome(IntrospectionMeaning.outcome(failure));
				if (IntrospectionMeaning.isError(failure)) {
					observation.error(failure);
				}
				observation.stop();
			}).doOnCancel(() -> {
				context.setOutcome("cancelled");
				observation.stop();
			});
		});
	}

	/** Starts the lookup (and, on a miss, the call) now, on the calling thread. */
	private CompletableFuture<Map<String, Object>> claims(String token, Runnable onMiss) {
		IntrospectionCache cache = this.cache;
		if (cache == null) {
			onMiss.run();
			return ask(token);
		}
		return cache.getAsync(TokenHash.of(token), () -> ask(token), onMiss);
	}

	private CompletableFuture<Map<String, Object>> ask(String token) {
		return this.client.introspectAsync(this.provider, token).thenApply(this.meaning::claims);
	}

	private static Mono<OAuth2AuthenticatedPrincipal> principal(CompletableFuture<Map<String, Object>> claims) {
		if (claims.isDone() && !claims.isCompletedExceptionally()) {
			return Mono.just(new IntrospectedPrincipal(claims.join()));
		}
		// suppressCancel: a subscriber that leaves cancels nothing the others wait for.
		return Mono.fromFuture(claims, true).map(IntrospectedPrincipal::new);
	}

}
