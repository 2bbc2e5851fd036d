package dev.naistoken.introspection;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;

import dev.naistoken.introspection.cache.IntrospectionCache;
import dev.naistoken.introspection.cache.TokenHash;

/**
 * The reactive stack's introspector: the servlet one's twin on the same {@link IntrospectionCache},
 * {@link IntrospectionEndpointClient} and meaning of each answer (same statuses, same log lines), with
 * a call that never blocks. A cache hit answers at once on the calling thread; a miss asks through
 * {@link IntrospectionEndpointClient#introspectAsync}, and joins any call already under way for the same
 * token, whichever stack started it. The answer arrives on the transport's event loop and is handed back
 * to the Netty event loop that asked, if one did (see {@link CallingEventLoop}).
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

	private static final Runnable NOTHING = () -> {
	};

	private static final BiConsumer<Object, Throwable> NO_ACTION = (answer, failure) -> {
	};

	private final IntrospectionSupport support;

	/**
	 * Creates an introspector that sends every token to one provider.
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
		this(client, IssuerRouting.singleProvider(provider), exposeInactiveReason, cache, registry, convention);
	}

	/**
	 * Creates an introspector that sends each token to the provider of its issuer (on a miss).
	 * @param client asks the endpoint
	 * @param routing which provider a token goes to
	 * @param exposeInactiveReason whether the endpoint's reason goes into {@code error_description}
	 * @param cache the cache of active tokens, or {@code null} for none
	 * @param registry where observations go
	 * @param convention the application's names and tags, or {@code null} for the starter's
	 */
	public NaisReactiveOpaqueTokenIntrospector(IntrospectionEndpointClient client, IssuerRouting routing,
			boolean exposeInactiveReason, @Nullable IntrospectionCache cache, ObservationRegistry registry,
			@Nullable NaisTokenIntrospectionObservationConvention convention) {
		this.support = new IntrospectionSupport(logger, client, routing, exposeInactiveReason, cache, registry,
				convention);
	}

	@Override
	public Mono<OAuth2AuthenticatedPrincipal> introspect(String token) {
		if (this.support.registry.isNoop()) {
			return Mono.defer(() -> {
				Loader loader = new Loader(this.support, token);
				return principal(claims(token, loader, NOTHING), loader);
			});
		}
		return Mono.deferContextual((reactorContext) -> {
			NaisTokenIntrospectionContext context = this.support.context();
			Object request = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			Observation observation = this.support.start(context,
					(request instanceof Observation parent) ? parent : null);
			Loader loader = new Loader(this.support, token);
			CompletableFuture<Map<String, Object>> claims;
			try (Observation.Scope scope = observation.openScope()) {
				claims = claims(token, loader, context::miss);
			}
			return principal(claims, loader)
				.doOnNext((principal) -> context.setProvider(((IntrospectedPrincipal) principal).provider()))
				.doOnSuccess((principal) -> IntrospectionSupport.stop(observation, context, null))
				.doOnError((failure) -> IntrospectionSupport.stop(observation, context, failure))
				.doOnCancel(() -> {
					context.setOutcome("cancelled");
					observation.stop();
				});
		});
	}

	/** Starts the lookup (and, on a miss, the call) now, on the calling thread. */
	private CompletableFuture<Map<String, Object>> claims(String token, Loader loader, Runnable onMiss) {
		IntrospectionCache cache = this.support.cache;
		if (cache == null) {
			onMiss.run();
			return loader.get();
		}
		return cache.getAsync(TokenHash.of(token), loader, onMiss);
	}

	private Mono<OAuth2AuthenticatedPrincipal> principal(CompletableFuture<Map<String, Object>> claims,
			Loader loader) {
		if (claims.isDone() && !claims.isCompletedExceptionally()) {
			Map<String, Object> known = claims.join();
			return Mono.just(new IntrospectedPrincipal(known, loader.provider(known)));
		}
		Executor loop = CallingEventLoop.current();
		CompletableFuture<Map<String, Object>> answer = (loop != null) ? claims.whenCompleteAsync(NO_ACTION, loop)
				: claims;
		// suppressCancel: a subscriber that leaves cancels nothing the others wait for.
		return Mono.fromFuture(answer, true).map((known) -> new IntrospectedPrincipal(known, loader.provider(known)));
	}

	/** Asks the endpoint on a cache miss, without blocking: a refused route is a failed future. */
	private static final class Loader extends IntrospectionSupport.RoutedLoader<CompletableFuture<Map<String, Object>>> {

		Loader(IntrospectionSupport support, String token) {
			super(support, token);
		}

		@Override
		public CompletableFuture<Map<String, Object>> get() {
			IdentityProvider routed;
			try {
				routed = route();
			}
			catch (BadOpaqueTokenException ex) {
				return CompletableFuture.failedFuture(ex);
			}
			return this.support.client.introspectAsync(routed, this.token).thenApply(this.support::claims);
		}

	}

}
