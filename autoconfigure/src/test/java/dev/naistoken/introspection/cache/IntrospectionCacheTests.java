package dev.naistoken.introspection.cache;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.MovableClock;
import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectionClient;
import dev.naistoken.introspection.IntrospectionEndpointClient;
import dev.naistoken.introspection.IntrospectionMisconfiguredException;
import dev.naistoken.introspection.IntrospectionResponseReader;
import dev.naistoken.introspection.IntrospectionResult;
import dev.naistoken.introspection.IntrospectionUnavailableException;
import dev.naistoken.introspection.NaisOpaqueTokenIntrospector;
import dev.naistoken.introspection.RequestFormat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The cache bean, asked by the introspector, in front of a real endpoint on loopback, with a clock the tests move: what is remembered,
 * for how long, under which key, and how many calls concurrent requests make.
 */
class IntrospectionCacheTests {

	private static final String PATH = "/api/v1/introspect";

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYWNoZWQifQ.c2lnbmF0dXJl";

	private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

	private static final WireMockServer endpoint = new WireMockServer(
			options().dynamicPort().bindAddress("127.0.0.1").containerThreads(20));

	private final MovableClock clock = new MovableClock(NOW);

	@BeforeAll
	static void start() {
		endpoint.start();
	}

	@AfterAll
	static void stop() {
		endpoint.stop();
	}

	@BeforeEach
	void reset() {
		endpoint.resetAll();
	}

	@Test
	void servesAnActiveTokenFromTheCacheUntilItsExpAndNeverAt() {
		answer(okJson(active(NOW.plusSeconds(600))));
		Cached cache = cache(100, Duration.ofHours(1));
		OAuth2AuthenticatedPrincipal first = cache.introspect(TOKEN);
		this.clock.moveTo(NOW.plusSeconds(600).minusMillis(1));
		assertThat(cache.introspect(TOKEN).getAttributes()).isSameAs(first.getAttributes());
		assertThat(calls()).isEqualTo(1);
		this.clock.moveTo(NOW.plusSeconds(600));
		cache.introspect(TOKEN);
		assertThat(calls()).isEqualTo(2);
	}

	@Test
	void maxTtlEndsAnEntryBeforeALongerLivedTokensExp() {
		answer(okJson(active(NOW.plus(Duration.ofHours(1)))));
		Cached cache = cache(100, Duration.ofMinutes(5));
		cache.introspect(TOKEN);
		this.clock.moveTo(NOW.plus(Duration.ofMinutes(5)).minusMillis(1));
		cache.introspect(TOKEN);
		assertThat(calls()).isEqualTo(1);
		this.clock.moveTo(NOW.plus(Duration.ofMinutes(5)));
		cache.introspect(TOKEN);
		assertThat(calls()).isEqualTo(2);
	}

	@ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(longs = { -1, 0 })
	void anAlreadyExpiredTokenIsNotRemembered(long expInSeconds) {
		answer(okJson(active(NOW.plusSeconds(expInSeconds))));
		Cached cache = cache(100, Duration.ofMinutes(5));
		cache.introspect(TOKEN);
		cache.introspect(TOKEN);
		assertThat(calls()).isEqualTo(2);
		assertThat(cache.size()).isZero();
	}

	@Test
	void anInactiveTokenIsAskedAboutEveryTime() {
		answer(okJson("{\"active\":false,\"error\":\"invalid token: ExpiredSignature\"}"));
		Cached cache = cache(100, Duration.ofMinutes(5));
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> cache.introspect(TOKEN));
		}
		assertThat(calls()).isEqualTo(3);
		assertThat(cache.size()).isZero();
	}

	static List<ResponseDefinitionBuilder> failures() {
		return List.of(aResponse().withStatus(503), aResponse().withStatus(200).withBody("<html>busy</html>"),
				aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
				aResponse().withStatus(400).withBody("{\"error\":\"invalid_request\"}"),
				okJson("{\"active\":false,\"error\":\"identity provider 'azuread' is not enabled\"}"));
	}

	@ParameterizedTest
	@MethodSource("failures")
	void aFailureIsNotRememberedSoTheNextRequestAsksAgain(ResponseDefinitionBuilder failure) {
		answer(failure);
		Cached cache = cache(100, Duration.ofMinutes(5));
		assertThatExceptionOfType(OAuth2IntrospectionException.class).isThrownBy(() -> cache.introspect(TOKEN))
			.isNotInstanceOf(BadOpaqueTokenException.class);
		// A reset is tried once more on a fresh connection, so the failure took one or two calls.
		int callsForTheFailure = calls();
		answer(okJson(active(NOW.plusSeconds(600))));
		assertThat(cache.introspect(TOKEN).getAttributes()).containsEntry("sub", "cached-user");
		assertThat(calls()).isEqualTo(callsForTheFailure + 1);
	}

	@Test
	void holdsTheTokensSha256AndNeverTheToken() throws Exception {
		answer(okJson(active(NOW.plusSeconds(600))));
		Cached cache = cache(100, Duration.ofMinutes(5));
		cache.introspect(TOKEN);
		byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8));
		assertThat(entries(cache).keySet()).singleElement()
			.satisfies((key) -> assertThat(((TokenHash) key).bytes()).isEqualTo(sha256));
		List<Object> reachable = reachableFrom(entries(cache));
		assertThat(reachable).isNotEmpty()
			.noneMatch((object) -> object instanceof String text && text.contains(TOKEN.substring(20)))
			.noneMatch((object) -> object instanceof byte[] bytes
					&& new String(bytes, StandardCharsets.ISO_8859_1).contains(TOKEN.substring(20)))
			.noneMatch((object) -> object instanceof char[] chars && new String(chars).contains(TOKEN.substring(20)));
		assertThat(reachable).anyMatch("cached-user"::equals);
	}

	@Test
	void neverHoldsMoreThanMaxSizeAndEvictsTheSoonestToExpire() {
		AtomicInteger calls = new AtomicInteger();
		IntrospectionResponseReader reader = new IntrospectionResponseReader();
		// Token i expires i seconds after the first one: later tokens live longer.
		IntrospectionCache store = new IntrospectionCache(100, Duration.ofHours(1), this.clock);
		java.util.function.Consumer<String> introspect = (token) -> store.get(TokenHash.of(token), () -> {
			calls.incrementAndGet();
			long i = Long.parseLong(token.substring("token-".length()));
			String body = active(NOW.plusSeconds(60 + i));
			IntrospectionResult result = reader.read(200, body.getBytes(StandardCharsets.UTF_8),
					IdentityProvider.AZUREAD);
			return ((IntrospectionResult.Active) result).claims();
		});
		Cached cache = new Cached(null, store);
		for (int i = 0; i < 1_000; i++) {
			introspect.accept("token-" + i);
			assertThat(cache.size()).isLessThanOrEqualTo(100);
		}
		assertThat(cache.size()).isGreaterThanOrEqualTo(90);
		calls.set(0);
		introspect.accept("token-999");
		introspect.accept("token-950");
		assertThat(calls).hasValue(0);
		introspect.accept("token-0");
		assertThat(calls).hasValue(1);
	}

	/**
	 * Two tokens whose hashes agree in the bits the map buckets by are two users all the same: the
	 * second is asked about and gets its own principal, never the first one's.
	 */
	@Test
	void tokensWhoseHashesShareAHashCodeAreDifferentKeys() {
		String first = "collision-1016";
		String second = "collision-71885";
		assertThat(TokenHash.of(first)).hasSameHashCodeAs(TokenHash.of(second));
		endpoint.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing(first))
			.willReturn(okJson(active(NOW.plusSeconds(600)).replace("cached-user", "first-user"))));
		endpoint.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing(second))
			.willReturn(okJson(active(NOW.plusSeconds(600)).replace("cached-user", "second-user"))));
		Cached cache = cache(100, Duration.ofMinutes(5));
		assertThat(cache.introspect(first).getName()).isEqualTo("first-user");
		assertThat(cache.introspect(second).getName()).isEqualTo("second-user");
		assertThat(cache.introspect(first).getName()).isEqualTo("first-user");
		assertThat(calls()).isEqualTo(2);
		assertThat(cache.size()).isEqualTo(2);
	}

	/**
	 * A full cache makes room by dropping what has expired before anything a user could still be served
	 * from: with half of it expired, one more token drops the expired half and keeps every live entry.
	 */
	@Test
	void aFullCacheDropsExpiredEntriesFirstAndKeepsTheLiveOnes() {
		IntrospectionCache store = new IntrospectionCache(10, Duration.ofHours(1), this.clock);
		AtomicInteger loads = new AtomicInteger();
		java.util.function.BiConsumer<String, Instant> introspect = (token, exp) -> store.get(TokenHash.of(token), () -> {
			loads.incrementAndGet();
			return Map.of("sub", token, "exp", exp);
		});
		for (int i = 0; i < 5; i++) {
			introspect.accept("short-" + i, NOW.plusSeconds(60));
			introspect.accept("long-" + i, NOW.plusSeconds(3_000 + i));
		}
		assertThat(store.size()).isEqualTo(10);
		this.clock.moveTo(NOW.plusSeconds(60));
		introspect.accept("new", NOW.plusSeconds(3_600));
		assertThat(store.size()).as("the five entries expiring now dropped, nothing live").isEqualTo(6);
		loads.set(0);
		for (int i = 0; i < 5; i++) {
			introspect.accept("long-" + i, NOW.plusSeconds(3_000 + i));
		}
		introspect.accept("new", NOW.plusSeconds(3_600));
		assertThat(loads).as("live entries still served from the cache").hasValue(0);
	}

	/**
	 * With nothing expired, the entries that expire soonest make room, down to 90% of the bound, and the
	 * bound holds even for the smallest cache.
	 */
	@ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(ints = { 1, 2, 10 })
	void aFullCacheDropsTheSoonestToExpireAndNeverExceedsItsBound(int maxSize) {
		IntrospectionCache store = new IntrospectionCache(maxSize, Duration.ofHours(1), this.clock);
		AtomicInteger loads = new AtomicInteger();
		java.util.function.IntConsumer introspect = (i) -> store.get(TokenHash.of("token-" + i), () -> {
			loads.incrementAndGet();
			return Map.of("sub", "user-" + i, "exp", NOW.plusSeconds(60 + i));
		});
		for (int i = 0; i <= maxSize; i++) {
			introspect.accept(i);
			assertThat(store.size()).isLessThanOrEqualTo(maxSize);
		}
		int kept = Math.max(1, maxSize - maxSize / 10);
		assertThat(store.size()).isEqualTo(kept);
		loads.set(0);
		for (int i = maxSize; i > maxSize - kept; i--) {
			introspect.accept(i);
		}
		assertThat(loads).as("the latest to expire are kept").hasValue(0);
	}

	/**
	 * When dropping what expired is exactly enough, nothing live goes, and nothing fails: a request that
	 * fills the cache gets its answer (a 200), not an error from the eviction.
	 */
	@Test
	void droppingTheExpiredEntriesCanBeExactlyEnough() {
		IntrospectionCache store = new IntrospectionCache(10, Duration.ofHours(1), this.clock);
		for (int i = 0; i < 10; i++) {
			Instant exp = NOW.plusSeconds((i < 2) ? 60 : 3_000 + i);
			store.get(TokenHash.of("token-" + i), () -> Map.of("sub", "user", "exp", exp));
		}
		this.clock.moveTo(NOW.plusSeconds(120));
		Map<String, Object> claims = store.get(TokenHash.of("new"), () -> Map.of("sub", "new-user", "exp",
				NOW.plusSeconds(3_600)));
		assertThat(claims).containsEntry("sub", "new-user");
		assertThat(store.size()).isEqualTo(9);
	}

	/**
	 * Entries that expire at the same moment as the last one that must go: only as many of them go as
	 * needed, down to 90% of the bound, and every entry that expires later stays.
	 */
	@Test
	void entriesTiedAtTheCutoffGoOnlyAsFarAsNeeded() {
		IntrospectionCache store = new IntrospectionCache(10, Duration.ofHours(1), this.clock);
		AtomicInteger loads = new AtomicInteger();
		java.util.function.BiConsumer<String, Instant> introspect = (token, exp) -> store.get(TokenHash.of(token), () -> {
			loads.incrementAndGet();
			return Map.of("sub", token, "exp", exp);
		});
		for (int i = 0; i < 3; i++) {
			introspect.accept("tied-" + i, NOW.plusSeconds(60));
		}
		for (int i = 0; i < 8; i++) {
			introspect.accept("later-" + i, NOW.plusSeconds(600 + i));
		}
		assertThat(store.size()).isEqualTo(9);
		loads.set(0);
		for (int i = 0; i < 8; i++) {
			introspect.accept("later-" + i, NOW.plusSeconds(600 + i));
		}
		assertThat(loads).as("every entry expiring after the cutoff kept").hasValue(0);
	}

	/** A cache hit is no miss: the observation's {@code cache} tag says "hit" for it. */
	@Test
	void onlyAMissIsCountedAsOne() {
		IntrospectionCache store = new IntrospectionCache(10, Duration.ofHours(1), this.clock);
		AtomicInteger misses = new AtomicInteger();
		for (int i = 0; i < 3; i++) {
			store.get(TokenHash.of("token"), () -> Map.of("sub", "user", "exp", NOW.plusSeconds(600)),
					misses::incrementAndGet);
		}
		assertThat(misses).hasValue(1);
	}

	/** An expired entry leaves the cache when it is looked up, even if the token's next answer is not kept. */
	@Test
	void anExpiredEntryIsDroppedWhenLookedUp() {
		IntrospectionCache store = new IntrospectionCache(10, Duration.ofHours(1), this.clock);
		store.get(TokenHash.of("token"), () -> Map.of("sub", "user", "exp", NOW.plusSeconds(60)));
		assertThat(store.size()).isEqualTo(1);
		this.clock.moveTo(NOW.plusSeconds(60));
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> store.get(TokenHash.of("token"), () -> {
			throw new BadOpaqueTokenException("inactive");
		}));
		assertThat(store.size()).isZero();
	}

	/** A request waiting on another's call gets that call's error as it is, an {@link Error} too. */
	@Test
	void aWaitingRequestGetsTheLeadersErrorAsItIs() throws Exception {
		IntrospectionCache store = new IntrospectionCache(10, Duration.ofHours(1), this.clock);
		StackOverflowError error = new StackOverflowError("from the leader's call");
		try (HeldLeader leader = new HeldLeader(store, () -> {
			throw error;
		})) {
			Thread follower = leader.follow(() -> Map.of("sub", "user", "exp", NOW.plusSeconds(600)));
			leader.release();
			leader.join();
			follower.join(10_000);
			assertThat(leader.outcomes()).containsEntry("leader", error).containsEntry("follower", error);
		}
	}

	/**
	 * Requests waiting on another's call get its answer even when the answer is not kept (its token
	 * expires now): they do not each ask the endpoint again.
	 */
	@Test
	void waitingRequestsShareAnAnswerThatIsNotKept() throws Exception {
		IntrospectionCache store = new IntrospectionCache(10, Duration.ofHours(1), this.clock);
		Map<String, Object> notKept = Map.of("sub", "leader-user", "exp", NOW);
		try (HeldLeader leader = new HeldLeader(store, () -> notKept)) {
			AtomicInteger followerCalls = new AtomicInteger();
			Thread follower = leader.follow(() -> {
				followerCalls.incrementAndGet();
				return Map.of("sub", "follower-user", "exp", NOW);
			});
			leader.release();
			follower.join(10_000);
			assertThat(leader.outcomes()).containsEntry(follower.getName(), notKept);
			assertThat(followerCalls).hasValue(0);
			assertThat(store.size()).isZero();
		}
	}

	/**
	 * A request interrupted while it waits on another's call (its client went away) ends with a 503 and
	 * keeps its interrupt, so the thread's owner still sees it.
	 */
	@Test
	void aWaitingRequestThatIsInterruptedEndsAndStaysInterrupted() throws Exception {
		IntrospectionCache store = new IntrospectionCache(10, Duration.ofHours(1), this.clock);
		try (HeldLeader leader = new HeldLeader(store, () -> Map.of("sub", "user", "exp", NOW.plusSeconds(600)))) {
			AtomicReference<Boolean> interrupted = new AtomicReference<>();
			Thread follower = leader.follow(() -> {
				throw new AssertionError("a waiting request does not call");
			}, () -> interrupted.set(Thread.currentThread().isInterrupted()));
			follower.interrupt();
			follower.join(10_000);
			assertThat(leader.outcomes().get(follower.getName())).isInstanceOf(IntrospectionUnavailableException.class);
			assertThat(interrupted).hasValue(true);
		}
	}

	/**
	 * A servlet request waiting on a reactive request's call that failed with a checked exception (an
	 * I/O failure) gets a 503, not a {@link ClassCastException} (a 500).
	 */
	@Test
	void aBlockingRequestWaitingOnAReactiveCallThatFailedGetsA503() throws Exception {
		IntrospectionCache store = new IntrospectionCache(10, Duration.ofHours(1), this.clock);
		CompletableFuture<Map<String, Object>> call = new CompletableFuture<>();
		CompletableFuture<Map<String, Object>> reactive = store.getAsync(TokenHash.of("token"), () -> call, () -> {
		});
		Map<String, Object> outcomes = new ConcurrentHashMap<>();
		Thread blocking = new Thread(() -> outcomes.put("blocking", outcome(() -> store.get(TokenHash.of("token"),
				() -> Map.of("sub", "user", "exp", NOW.plusSeconds(600))))));
		blocking.start();
		awaitUntil(() -> blocking.getState() == Thread.State.WAITING);
		IOException failure = new IOException("connection reset");
		call.completeExceptionally(failure);
		blocking.join(10_000);
		assertThat(outcomes.get("blocking")).isInstanceOfSatisfying(IntrospectionUnavailableException.class,
				(ex) -> assertThat(ex).hasCause(failure));
		assertThat(reactive).isCompletedExceptionally();
	}

	/**
	 * A reactive request waiting on a servlet request whose thread was interrupted asks again, as a
	 * servlet request does, rather than inherit a failure that says nothing about the token.
	 */
	@Test
	void aReactiveRequestWaitingOnAnInterruptedServletRequestAsksAgain() throws Exception {
		IntrospectionCache store = new IntrospectionCache(10, Duration.ofHours(1), this.clock);
		try (HeldLeader leader = new HeldLeader(store, () -> Map.of("sub", "user", "exp", NOW.plusSeconds(600)))) {
			Map<String, Object> own = Map.of("sub", "reactive-user", "exp", NOW.plusSeconds(600));
			CompletableFuture<Map<String, Object>> reactive = store.getAsync(TokenHash.of(HeldLeader.TOKEN),
					() -> CompletableFuture.completedFuture(own), () -> {
					});
			assertThat(reactive).isNotDone();
			leader.interrupt();
			assertThat(reactive).isCompletedWithValue(own);
		}
	}

	static List<Arguments> servletFailures() {
		IntrospectionUnavailableException unavailable = new IntrospectionUnavailableException("endpoint refused",
				new java.net.ConnectException("refused"));
		CompletionException withoutCause = new CompletionException("no answer", null);
		return List.of(Arguments.of(unavailable), Arguments.of(withoutCause));
	}

	/**
	 * A reactive request waiting on a servlet request's call gets that call's failure as it is: not its
	 * cause (a connection error Spring Security would make a 500 instead of the 503), and not a failure
	 * of the cache's own.
	 */
	@ParameterizedTest
	@MethodSource("servletFailures")
	void aReactiveRequestWaitingOnAServletRequestGetsItsFailureAsItIs(RuntimeException failure) throws Exception {
		IntrospectionCache store = new IntrospectionCache(10, Duration.ofHours(1), this.clock);
		try (HeldLeader leader = new HeldLeader(store, () -> {
			throw failure;
		})) {
			CompletableFuture<Map<String, Object>> reactive = store.getAsync(TokenHash.of(HeldLeader.TOKEN),
					() -> CompletableFuture.completedFuture(Map.of("sub", "user")), () -> {
					});
			leader.release();
			leader.join();
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(reactive::get)
				.havingCause()
				.isSameAs(failure);
		}
	}

	/**
	 * A call that ended between a reactive request's lookup and its joining (here: during its
	 * {@code onMiss}) has stored its answer: the request gets it at once, and calls nothing.
	 */
	@Test
	void aReactiveRequestGetsTheAnswerOfACallThatEndedJustBeforeItJoined() {
		IntrospectionCache store = new IntrospectionCache(10, Duration.ofHours(1), this.clock);
		Map<String, Object> stored = Map.of("sub", "user", "exp", NOW.plusSeconds(600));
		CompletableFuture<Map<String, Object>> reactive = store.getAsync(TokenHash.of("token"), () -> {
			throw new AssertionError("the answer is already stored");
		}, () -> store.get(TokenHash.of("token"), () -> stored));
		assertThat(reactive).isCompletedWithValue(stored);
	}

	/**
	 * A reactive loader that throws at once (no future to wait on) fails its request and leaves no call
	 * behind for the next request to wait on forever.
	 */
	@Test
	void aReactiveLoaderThatThrowsLeavesNothingToWaitOn() {
		IntrospectionCache store = new IntrospectionCache(10, Duration.ofHours(1), this.clock);
		IntrospectionUnavailableException failure = new IntrospectionUnavailableException("no connection");
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> store.getAsync(TokenHash.of("token"), () -> {
				throw failure;
			}, () -> {
			}))
			.isSameAs(failure);
		Map<String, Object> claims = Map.of("sub", "user", "exp", NOW.plusSeconds(600));
		assertThat(store.getAsync(TokenHash.of("token"), () -> CompletableFuture.completedFuture(claims), () -> {
		})).isCompletedWithValue(claims);
	}

	/**
	 * An answer another request stores while this one drops the same token's expired entry is kept:
	 * this request is served from it, and so is the next, with no call of their own.
	 */
	@Test
	void aFreshAnswerStoredWhileTheExpiredOneIsDroppedIsKept() {
		HookedClock hooked = new HookedClock(this.clock);
		IntrospectionCache store = new IntrospectionCache(10, Duration.ofHours(1), hooked);
		store.get(TokenHash.of("token"), () -> Map.of("sub", "user", "exp", NOW.plusSeconds(60)));
		this.clock.moveTo(NOW.plusSeconds(60));
		Map<String, Object> fresh = Map.of("sub", "user", "exp", NOW.plusSeconds(3_600));
		// Between finding the expired entry and dropping it, another request stores the fresh answer.
		hooked.onNextRead(() -> store.get(TokenHash.of("token"), () -> fresh));
		AtomicInteger calls = new AtomicInteger();
		Supplier<Map<String, Object>> loader = () -> {
			calls.incrementAndGet();
			return Map.of("sub", "user", "exp", NOW.plusSeconds(3_600));
		};
		assertThat(store.get(TokenHash.of("token"), loader)).isSameAs(fresh);
		assertThat(store.get(TokenHash.of("token"), loader)).isSameAs(fresh);
		assertThat(calls).hasValue(0);
	}

	/**
	 * Two requests that each found the cache over its bound trim it once: the one that comes second,
	 * after the first trimmed it and a new token filled it to the bound again, drops nothing.
	 */
	@Test
	void aCacheTrimmedByOneRequestIsNotTrimmedAgainByTheNext() throws Exception {
		IntrospectionCache store = new IntrospectionCache(10, Duration.ofHours(1), this.clock);
		java.util.function.IntConsumer introspect = (i) -> store.get(TokenHash.of("token-" + i),
				() -> Map.of("sub", "user-" + i, "exp", NOW.plusSeconds(600 + i)));
		for (int i = 0; i < 10; i++) {
			introspect.accept(i);
		}
		Thread second = new Thread(() -> introspect.accept(10));
		// The sweep holds the cache's monitor: holding it here stops the second request just before its sweep.
		synchronized (store) {
			second.start();
			awaitUntil(() -> second.getState() == Thread.State.BLOCKED);
			introspect.accept(11);
			assertThat(store.size()).as("trimmed to 90% of the bound").isEqualTo(9);
			introspect.accept(12);
		}
		second.join(10_000);
		assertThat(store.size()).isEqualTo(10);
	}

	@Test
	void aThousandConcurrentFirstRequestsForOneTokenMakeOneCall() throws Exception {
		try (HeldEndpoint held = new HeldEndpoint(200, active(NOW.plusSeconds(600)))) {
			Cached cache = cache(held.uri(), 100, Duration.ofMinutes(5));
			List<Object> answers = concurrently(1_000, held, () -> cache.introspect(TOKEN));
			assertThat(answers).allSatisfy((answer) -> assertThat(answer).isInstanceOfSatisfying(
					OAuth2AuthenticatedPrincipal.class,
					(principal) -> assertThat(principal.getAttributes()).containsEntry("sub", "cached-user")));
			assertThat(held.calls()).isEqualTo(1);
		}
	}

	static List<Arguments> sharedFailures() {
		return List.of(Arguments.of(503, "{\"error\":\"server_error\"}", IntrospectionUnavailableException.class),
				Arguments.of(200, "{\"active\":false,\"error\":\"invalid token: ExpiredSignature\"}",
						BadOpaqueTokenException.class),
				Arguments.of(200, "{\"active\":false,\"error\":\"identity provider 'azuread' is not enabled\"}",
						IntrospectionMisconfiguredException.class));
	}

	/**
	 * Every request waiting on the one call gets that call's own verdict: 503 for an endpoint that failed,
	 * but 401 ({@code invalid_token}) for an inactive token and 500 for a misconfiguration, as the request
	 * that made the call does; and the next request asks again.
	 */
	@ParameterizedTest
	@MethodSource("sharedFailures")
	void concurrentRequestsShareTheOneCallsFailureAndTheNextRequestAsksAgain(int status, String body,
			Class<? extends RuntimeException> failure) throws Exception {
		try (HeldEndpoint held = new HeldEndpoint(status, body)) {
			Cached cache = cache(held.uri(), 100, Duration.ofMinutes(5));
			List<Object> answers = concurrently(100, held, () -> {
				try {
					return cache.introspect(TOKEN);
				}
				catch (RuntimeException ex) {
					return ex;
				}
			});
			assertThat(answers).allSatisfy((answer) -> assertThat(answer).isInstanceOf(failure));
			assertThat(held.calls()).isEqualTo(1);
			held.answer(200, active(NOW.plusSeconds(600)));
			assertThat(cache.introspect(TOKEN).getAttributes()).containsEntry("sub", "cached-user");
			assertThat(held.calls()).isEqualTo(2);
		}
	}

	@Test
	void anInterruptedLeadersFailureIsItsOwnAndTheWaitingRequestsAskAgain() throws Exception {
		// The first call hangs until the leader gives up; every later call is answered at once.
		endpoint.stubFor(post(urlEqualTo(PATH)).inScenario("slow first")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(active(NOW.plusSeconds(600))).withFixedDelay(5_000))
			.willSetStateTo("fast"));
		endpoint.stubFor(post(urlEqualTo(PATH)).inScenario("slow first")
			.whenScenarioStateIs("fast")
			.willReturn(okJson(active(NOW.plusSeconds(600)))));
		Cached cache = cache(100, Duration.ofMinutes(5));
		Map<Thread, Object> outcomes = new ConcurrentHashMap<>();
		Runnable introspect = () -> {
			try {
				outcomes.put(Thread.currentThread(), cache.introspect(TOKEN));
			}
			catch (RuntimeException ex) {
				outcomes.put(Thread.currentThread(), ex);
			}
		};
		Thread leader = new Thread(introspect, "leader");
		leader.start();
		awaitUntil(() -> calls() == 1);
		List<Thread> followers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Thread follower = new Thread(introspect, "follower-" + i);
			followers.add(follower);
			follower.start();
		}
		awaitUntil(() -> followers.stream().allMatch((follower) -> follower.getState() == Thread.State.WAITING));
		leader.interrupt();
		leader.join(10_000);
		for (Thread follower : followers) {
			follower.join(10_000);
		}
		assertThat(outcomes.get(leader)).isInstanceOf(IntrospectionUnavailableException.class);
		for (Thread follower : followers) {
			assertThat(outcomes.get(follower)).as(follower.getName())
				.isInstanceOfSatisfying(OAuth2AuthenticatedPrincipal.class,
						(principal) -> assertThat(principal.getAttributes()).containsEntry("sub", "cached-user"));
		}
		assertThat(calls()).as("one new call for all the followers").isEqualTo(2);
	}

	/**
	 * A servlet request that leads the call for {@link #TOKEN} and holds it until {@link #release()} (then
	 * answers with its loader) or until interrupted (then fails as the HTTP client does, its thread
	 * interrupted). Requests for the same token that start later wait on its call.
	 */
	private static final class HeldLeader implements AutoCloseable {

		static final String TOKEN = "held-token";

		private final CountDownLatch released = new CountDownLatch(1);

		private final Map<String, Object> outcomes = new ConcurrentHashMap<>();

		private final IntrospectionCache store;

		private final Thread thread;

		HeldLeader(IntrospectionCache store, Supplier<Map<String, Object>> answer) throws InterruptedException {
			this.store = store;
			this.thread = start("leader", () -> store.get(TokenHash.of(TOKEN), () -> {
				try {
					assertThat(this.released.await(30, TimeUnit.SECONDS)).as("released within 30 s").isTrue();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IntrospectionUnavailableException("interrupted while waiting for the endpoint", ex);
				}
				return answer.get();
			}), () -> {
			});
			awaitUntil(() -> this.thread.getState() == Thread.State.TIMED_WAITING);
		}

		/** Starts a servlet request for the token, and returns once it waits on the leader's call. */
		Thread follow(Supplier<Map<String, Object>> loader) throws InterruptedException {
			return follow(loader, () -> {
			});
		}

		/** As {@link #follow(Supplier)}, running {@code atEnd} on the request's thread once it ends. */
		Thread follow(Supplier<Map<String, Object>> loader, Runnable atEnd) throws InterruptedException {
			Thread follower = start("follower", () -> this.store.get(TokenHash.of(TOKEN), loader), atEnd);
			awaitUntil(() -> follower.getState() == Thread.State.WAITING);
			return follower;
		}

		private Thread start(String name, Supplier<Object> request, Runnable atEnd) {
			Thread started = new Thread(() -> {
				this.outcomes.put(name, outcome(request));
				atEnd.run();
			}, name);
			started.start();
			return started;
		}

		/** What each request ended with, by thread name: its claims, or what it threw. */
		Map<String, Object> outcomes() {
			return this.outcomes;
		}

		void release() {
			this.released.countDown();
		}

		/** Interrupts the leader's thread, and waits for its request to end. */
		void interrupt() throws InterruptedException {
			this.thread.interrupt();
			join();
		}

		void join() throws InterruptedException {
			this.thread.join(10_000);
		}

		@Override
		public void close() throws InterruptedException {
			release();
			join();
		}

	}

	/** What a request ends with: its claims, or what it threw. */
	private static Object outcome(Supplier<?> request) {
		try {
			return request.get();
		}
		catch (RuntimeException | Error ex) {
			return ex;
		}
	}

	/** The test's clock, running a task at its next read: what another request does at that moment. */
	private static final class HookedClock extends Clock {

		private final Clock clock;

		private volatile @Nullable Runnable onNextRead;

		HookedClock(Clock clock) {
			this.clock = clock;
		}

		void onNextRead(Runnable task) {
			this.onNextRead = task;
		}

		@Override
		public Instant instant() {
			Runnable task = this.onNextRead;
			this.onNextRead = null;
			if (task != null) {
				task.run();
			}
			return this.clock.instant();
		}

		@Override
		public ZoneId getZone() {
			return this.clock.getZone();
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

	private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(end);
			Thread.sleep(10);
		}
	}

	/**
	 * Runs the task on that many threads at once, the endpoint holding its answer until every thread is
	 * waiting (on the endpoint, or on another thread's call), so that no thread can come late: the answers,
	 * in order.
	 */
	private static List<Object> concurrently(int threads, HeldEndpoint held, java.util.concurrent.Callable<Object> task)
			throws Exception {
		List<Thread> started = new java.util.concurrent.CopyOnWriteArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(threads, (runnable) -> {
			Thread thread = new Thread(runnable);
			started.add(thread);
			return thread;
		});
		try {
			List<Future<Object>> answers = new ArrayList<>(threads);
			for (int i = 0; i < threads; i++) {
				answers.add(pool.submit(task));
			}
			awaitUntil(() -> held.calls() >= 1 && started.size() == threads
					&& started.stream().allMatch((thread) -> thread.getState() == Thread.State.WAITING));
			held.release();
			pool.shutdown();
			assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
			List<Object> results = new ArrayList<>(threads);
			for (Future<Object> answer : answers) {
				results.add(answer.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * An introspection endpoint on loopback that holds every answer until {@link #release()}, so a test
	 * decides when the one call in flight ends.
	 */
	private static final class HeldEndpoint implements AutoCloseable {

		private final CountDownLatch released = new CountDownLatch(1);

		private final AtomicInteger calls = new AtomicInteger();

		private final HttpServer server;

		private volatile int status;

		private volatile String body;

		HeldEndpoint(int status, String body) throws java.io.IOException {
			answer(status, body);
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.server.setExecutor(Executors.newCachedThreadPool());
			this.server.createContext(PATH, (exchange) -> {
				this.calls.incrementAndGet();
				exchange.getRequestBody().readAllBytes();
				try {
					this.released.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(this.status, bytes.length);
				exchange.getResponseBody().write(bytes);
				exchange.close();
			});
			this.server.start();
		}

		/** What the endpoint answers from now on (once released, at once). */
		void answer(int status, String body) {
			this.status = status;
			this.body = body;
		}

		URI uri() {
			return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + PATH);
		}

		int calls() {
			return this.calls.get();
		}

		void release() {
			this.released.countDown();
		}

		@Override
		public void close() {
			release();
			this.server.stop(0);
			((ExecutorService) this.server.getExecutor()).shutdownNow();
		}

	}

	private Cached cache(int maxSize, Duration maxTtl) {
		return cache(URI.create(endpoint.baseUrl() + PATH), maxSize, maxTtl);
	}

	/** The introspector asking {@code uri}, waiting up to 30 s for an answer (a held endpoint answers late). */
	private Cached cache(URI uri, int maxSize, Duration maxTtl) {
		IntrospectionClient client = new IntrospectionClient(uri, RequestFormat.FORM, Duration.ofSeconds(1),
				Duration.ofSeconds(30));
		IntrospectionCache cache = new IntrospectionCache(maxSize, maxTtl, this.clock);
		return new Cached(new NaisOpaqueTokenIntrospector(
				new IntrospectionEndpointClient(client, new IntrospectionResponseReader()), IdentityProvider.AZUREAD,
				false, cache, io.micrometer.observation.ObservationRegistry.NOOP, null), cache);
	}

	/** The starter's introspector and the cache bean it asks. */
	private record Cached(@org.jspecify.annotations.Nullable OpaqueTokenIntrospector introspector,
			IntrospectionCache cache) {

		OAuth2AuthenticatedPrincipal introspect(String token) {
			return java.util.Objects.requireNonNull(this.introspector).introspect(token);
		}

		int size() {
			return this.cache.size();
		}

	}

	private static String active(Instant exp) {
		return "{\"active\":true,\"sub\":\"cached-user\",\"iat\":" + NOW.minusSeconds(60).getEpochSecond() + ",\"exp\":"
				+ exp.getEpochSecond() + ",\"groups\":[\"6a1f3c2e-0000-4000-8000-000000000001\"]}";
	}

	/** The newest stub wins; the request journal is kept, so calls() counts every call of a test. */
	private static void answer(ResponseDefinitionBuilder response) {
		endpoint.stubFor(post(urlEqualTo(PATH)).willReturn(response));
	}

	private static int calls() {
		return endpoint.countRequestsMatching(postRequestedFor(urlEqualTo(PATH)).build()).getCount();
	}

	private static Map<?, ?> entries(Cached cache) throws ReflectiveOperationException {
		Field entries = IntrospectionCache.class.getDeclaredField("entries");
		entries.setAccessible(true);
		return (Map<?, ?>) entries.get(cache.cache());
	}

	/**
	 * Every object the cache's entries reach: the fields of our own and Spring's objects, the contents of
	 * collections, maps and arrays, and the leaves (strings, numbers, instants).
	 */
	private static List<Object> reachableFrom(Object root) throws IllegalAccessException {
		Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
		List<Object> pending = new ArrayList<>(List.of(root));
		List<Object> reached = new ArrayList<>();
		while (!pending.isEmpty()) {
			Object object = pending.remove(pending.size() - 1);
			if (object == null || !seen.add(object)) {
				continue;
			}
			reached.add(object);
			if (object instanceof Map<?, ?> map) {
				map.forEach((key, value) -> {
					pending.add(key);
					pending.add(value);
				});
			}
			else if (object instanceof Collection<?> collection) {
				pending.addAll(collection);
			}
			else if (object.getClass().isArray() && !object.getClass().getComponentType().isPrimitive()) {
				for (int i = 0; i < Array.getLength(object); i++) {
					pending.add(Array.get(object, i));
				}
			}
			if (object.getClass().getName().startsWith("java.")) {
				continue;
			}
			for (Class<?> type = object.getClass(); type != null && !type.getName().startsWith("java."); type = type
				.getSuperclass()) {
				for (Field field : type.getDeclaredFields()) {
					if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
						field.setAccessible(true);
						pending.add(field.get(object));
					}
				}
			}
		}
		return reached;
	}

}
