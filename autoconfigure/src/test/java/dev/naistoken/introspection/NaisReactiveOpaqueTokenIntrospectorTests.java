package dev.naistoken.introspection;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import dev.naistoken.introspection.cache.IntrospectionCache;
import dev.naistoken.introspection.cache.TokenHash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The reactive introspector's single flight, with an endpoint client whose calls the test answers by
 * hand: one call however many subscribers wait, a subscriber that leaves cancels nothing, and a
 * failure reaches every subscriber waiting at the time and is never cached.
 */
class NaisReactiveOpaqueTokenIntrospectorTests {

	private static final Map<String, Object> CLAIMS = Map.of("active", true, "sub", "subject", "exp",
			Instant.now().plus(Duration.ofHours(1)));

	private final ScriptedClient client = new ScriptedClient();

	private final IntrospectionCache cache = new IntrospectionCache(100, Duration.ofMinutes(5), Clock.systemUTC());

	private final NaisReactiveOpaqueTokenIntrospector introspector = new NaisReactiveOpaqueTokenIntrospector(
			this.client, IdentityProvider.AZUREAD, false, this.cache, ObservationRegistry.NOOP, null);

	private final ExecutorService subscribers = Executors.newFixedThreadPool(8);

	@AfterEach
	void stop() {
		this.subscribers.shutdownNow();
	}

	@Test
	void aThousandConcurrentSubscribersForOneNewTokenMakeOneCall() throws Exception {
		List<CompletableFuture<OAuth2AuthenticatedPrincipal>> principals = new CopyOnWriteArrayList<>();
		CountDownLatch subscribed = new CountDownLatch(1000);
		for (int i = 0; i < 1000; i++) {
			this.subscribers.execute(() -> {
				principals.add(this.introspector.introspect("one-new-token").toFuture());
				subscribed.countDown();
			});
		}
		assertThat(subscribed.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(principals).hasSize(1000).noneMatch(CompletableFuture::isDone);
		assertThat(this.client.calls).hasSize(1);
		this.client.calls.get(0).complete(new IntrospectionResult.Active(CLAIMS));
		for (CompletableFuture<OAuth2AuthenticatedPrincipal> principal : principals) {
			assertThat(principal.get(10, TimeUnit.SECONDS).getAttributes()).isEqualTo(CLAIMS);
		}
		assertThat(this.introspector.introspect("one-new-token").toFuture().get().getAttributes()).isEqualTo(CLAIMS);
		assertThat(this.client.calls).as("the next request is the cache's").hasSize(1);
	}

	@Test
	void aCancelledSubscriberCancelsNeitherTheCallNorTheOthersWait() throws Exception {
		Disposable leaving = this.introspector.introspect("token").subscribe();
		CompletableFuture<OAuth2AuthenticatedPrincipal> staying = this.introspector.introspect("token").toFuture();
		leaving.dispose();
		assertThat(this.client.calls).hasSize(1);
		assertThat(this.client.calls.get(0)).isNotCancelled();
		this.client.calls.get(0).complete(new IntrospectionResult.Active(CLAIMS));
		assertThat(staying.get(10, TimeUnit.SECONDS).getAttributes()).isEqualTo(CLAIMS);
	}

	@Test
	void aCallEverySubscriberLeftStillEndsAndIsCached() {
		Disposable first = this.introspector.introspect("token").subscribe();
		Disposable second = this.introspector.introspect("token").subscribe();
		first.dispose();
		second.dispose();
		this.client.calls.get(0).complete(new IntrospectionResult.Active(CLAIMS));
		assertThat(this.cache.size()).isEqualTo(1);
		assertThat(this.introspector.introspect("token").toFuture().join().getAttributes()).isEqualTo(CLAIMS);
		assertThat(this.client.calls).hasSize(1);
	}

	@Test
	void anUnavailableEndpointReachesEveryWaitingSubscriberAndIsNeverCached() {
		CompletableFuture<OAuth2AuthenticatedPrincipal> first = this.introspector.introspect("token").toFuture();
		CompletableFuture<OAuth2AuthenticatedPrincipal> second = this.introspector.introspect("token").toFuture();
		this.client.calls.get(0).complete(new IntrospectionResult.Unavailable("the endpoint is down"));
		for (CompletableFuture<OAuth2AuthenticatedPrincipal> principal : List.of(first, second)) {
			assertThatExceptionOfType(Exception.class).isThrownBy(principal::join)
				.havingRootCause()
				.isInstanceOf(IntrospectionUnavailableException.class);
		}
		assertThat(this.cache.size()).isZero();
		this.introspector.introspect("token").subscribe();
		assertThat(this.client.calls).as("the next request asks again").hasSize(2);
	}

	@Test
	void anInactiveTokenIsA401ForEveryWaitingSubscriberAndIsNeverCached() {
		CompletableFuture<OAuth2AuthenticatedPrincipal> first = this.introspector.introspect("token").toFuture();
		CompletableFuture<OAuth2AuthenticatedPrincipal> second = this.introspector.introspect("token").toFuture();
		this.client.calls.get(0).complete(new IntrospectionResult.Inactive("invalid token: ExpiredSignature"));
		for (CompletableFuture<OAuth2AuthenticatedPrincipal> principal : List.of(first, second)) {
			assertThatExceptionOfType(Exception.class).isThrownBy(principal::join)
				.havingRootCause()
				.isInstanceOf(BadOpaqueTokenException.class);
		}
		this.introspector.introspect("token").subscribe();
		assertThat(this.client.calls).hasSize(2);
	}

	@Test
	void aServletRequestAndAReactiveRequestForOneTokenShareOneCall() throws Exception {
		CountDownLatch loading = new CountDownLatch(1);
		CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
		CompletableFuture<Map<String, Object>> blocking = CompletableFuture
			.supplyAsync(() -> this.cache.get(TokenHash.of("token"), () -> {
				loading.countDown();
				return answer.join();
			}), this.subscribers);
		assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<OAuth2AuthenticatedPrincipal> reactive = this.introspector.introspect("token").toFuture();
		answer.complete(CLAIMS);
		assertThat(blocking.get(10, TimeUnit.SECONDS)).isEqualTo(CLAIMS);
		assertThat(reactive.get(10, TimeUnit.SECONDS).getAttributes()).isEqualTo(CLAIMS);
		assertThat(this.client.calls).as("the reactive request joined the servlet request's call").isEmpty();
	}

	@Test
	void theCallIsAChildOfTheRequestsObservationAndTheEndpointIsAskedInItsScope() {
		ObservationRegistry registry = ObservationRegistry.create();
		List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}

		});
		AtomicReference<Observation> current = new AtomicReference<>();
		this.client.onCall = () -> current.set(registry.getCurrentObservation());
		NaisReactiveOpaqueTokenIntrospector observed = new NaisReactiveOpaqueTokenIntrospector(this.client,
				IdentityProvider.AZUREAD, false, this.cache, registry, null);
		Observation request = Observation.start("http.server.requests", registry);
		CompletableFuture<OAuth2AuthenticatedPrincipal> principal = observed.introspect("token")
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, request))
			.toFuture();
		assertThat(current.get()).as("the observation current while the endpoint is asked").isNotNull();
		assertThat(current.get().getContext()).isInstanceOf(NaisTokenIntrospectionContext.class);
		assertThat(current.get().getContext().getParentObservation()).isSameAs(request);
		this.client.calls.get(0).complete(new IntrospectionResult.Active(CLAIMS));
		principal.join();
		assertThat(stopped).singleElement()
			.isInstanceOfSatisfying(NaisTokenIntrospectionContext.class, (context) -> {
				assertThat(context.getOutcome()).isEqualTo("active");
				assertThat(context.isCacheHit()).isFalse();
			});
	}

	/** An endpoint client whose calls stay open until the test answers them. */
	static final class ScriptedClient extends IntrospectionEndpointClient {

		final List<CompletableFuture<IntrospectionResult>> calls = new CopyOnWriteArrayList<>(new ArrayList<>());

		Runnable onCall = () -> {
		};

		ScriptedClient() {
			super(new IntrospectionClient(URI.create("http://127.0.0.1:9/api/v1/introspect"), RequestFormat.FORM,
					Duration.ofSeconds(1), Duration.ofSeconds(1)), new IntrospectionResponseReader());
		}

		@Override
		public CompletableFuture<IntrospectionResult> introspectAsync(IdentityProvider provider, String token) {
			this.onCall.run();
			CompletableFuture<IntrospectionResult> call = new CompletableFuture<>();
			this.calls.add(call);
			return call;
		}

	}

}
