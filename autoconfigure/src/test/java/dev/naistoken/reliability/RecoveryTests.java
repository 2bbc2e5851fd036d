package dev.naistoken.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.naistoken.test.RawSocketEndpoint.Behaviour;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a failure the next request is decided afresh: no failure, refusal or misconfiguration is
 * remembered, a remembered token answers only for itself, and never past its {@code exp} or the cache's
 * {@code max-ttl}. Time moves by the {@code Clock} bean named {@code naisTokenCacheClock}, the only one
 * the cache reads.
 */
class RecoveryTests extends ContainerTestSupport {

	@Test
	void endpointBackAfterRefusingConnections() {
		String token = newToken();
		endpointDown();
		assertUnavailable(http().bearer("/api/admin", token));
		assertUnavailable(http().bearer("/api/admin", token));
		this.endpoint = wireMockBehindTheEndpoint();
		answer(200, ACTIVE_USER);
		assertOk(http().bearer("/api/admin", token), "admin");
		assertOk(http().bearer("/api/admin", newToken()), "admin");
	}

	@Test
	void endpointRestartedOnTheSamePort() {
		answer(200, ACTIVE_USER);
		assertOk(http().bearer("/api/hello", newToken()), "hello");
		endpointDown();
		this.endpoint = wireMockBehindTheEndpoint();
		answer(200, ACTIVE_USER);
		assertOk(http().bearer("/api/hello", newToken()), "hello");
	}

	@Test
	void serverErrorIsNotRemembered() {
		String token = newToken();
		answer(500, "internal error");
		assertUnavailable(http().bearer("/api/admin", token));
		answer(200, ACTIVE_USER);
		assertOk(http().bearer("/api/admin", token), "admin");
		assertThat(introspections()).isEqualTo(2);
	}

	@Test
	void refusalIsNotRemembered() {
		String token = newToken();
		answer(200, "{\"active\":false,\"error\":\"invalid token: ImmatureSignature\"}");
		assertInvalidToken(http().bearer("/api/admin", token));
		answer(200, ACTIVE_USER);
		assertOk(http().bearer("/api/admin", token), "admin");
		assertThat(introspections()).isEqualTo(2);
	}

	@Test
	void misconfigurationIsNotRemembered() {
		String token = newToken();
		answer(400, "{\"error\":\"invalid_request\",\"error_description\":\"invalid identity provider\"}");
		assertMisconfigured(http().bearer("/api/admin", token));
		answer(200, ACTIVE_USER);
		assertOk(http().bearer("/api/admin", token), "admin");
	}

	@Test
	void concurrentRequestsForOneTokenDuringAnOutageThenAfterIt() throws Exception {
		String token = newToken();
		rawBehindTheEndpoint(Behaviour.silent());
		for (RawHttp.Reply reply : concurrently(6, token)) {
			assertUnavailable(reply);
		}
		this.endpoint = wireMockBehindTheEndpoint();
		answer(200, ACTIVE_USER);
		for (RawHttp.Reply reply : concurrently(6, token)) {
			assertOk(reply, "admin");
		}
		int asked = introspections();
		assertOk(http().bearer("/api/admin", token), "admin");
		assertThat(introspections()).as("remembered once the endpoint vouched for it").isEqualTo(asked);
	}

	@Test
	void rememberedTokenAnswersOnlyForItself() {
		answer(200, ACTIVE_USER);
		String admin = newToken();
		assertOk(http().bearer("/api/admin", admin), "admin");
		answer(200, EXPIRED);
		assertInvalidToken(http().bearer("/api/admin", newToken()));
		assertOk(http().bearer("/api/admin", admin), "admin");
		assertThat(introspections()).isEqualTo(2);
	}

	@Test
	void rememberedTokenIsRefusedAfterItsExp() {
		String token = newToken();
		answer(200, activeUser(this.clock.instant().plusSeconds(60).getEpochSecond()));
		assertOk(http().bearer("/api/admin", token), "admin");
		assertOk(http().bearer("/api/admin", token), "admin");
		assertThat(introspections()).as("the second answer came from the cache").isEqualTo(1);
		answer(200, EXPIRED);
		this.clock.advance(Duration.ofSeconds(61));
		assertInvalidToken(http().bearer("/api/admin", token));
		assertThat(introspections()).isEqualTo(2);
	}

	@Test
	void rememberedTokenIsAskedAgainAfterMaxTtl() {
		String token = newToken();
		answer(200, ACTIVE_USER);
		assertOk(http().bearer("/api/admin", token), "admin");
		this.clock.advance(Duration.ofMinutes(4));
		assertOk(http().bearer("/api/admin", token), "admin");
		assertThat(introspections()).isEqualTo(1);
		answer(200, EXPIRED);
		this.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertInvalidToken(http().bearer("/api/admin", token));
		assertThat(introspections()).isEqualTo(2);
	}

	/** The endpoint allows 60 s of clock skew, so it may call a token active whose exp has just passed. */
	@Test
	void activeAnswerWithAnExpThatHasPassedIsNotRemembered() {
		String token = newToken();
		answer(200, activeUser(Instant.now().minusSeconds(30).getEpochSecond()));
		assertOk(http().bearer("/api/admin", token), "admin");
		assertOk(http().bearer("/api/admin", token), "admin");
		assertThat(introspections()).isEqualTo(2);
	}

	/** {@code count} requests at once, each on a thread of its own (the common pool may have one). */
	private List<RawHttp.Reply> concurrently(int count, String token) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(count);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<RawHttp.Reply>> replies = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				replies.add(threads.submit(() -> {
					start.await();
					return http().bearer("/api/admin", token);
				}));
			}
			start.countDown();
			List<RawHttp.Reply> done = new ArrayList<>();
			for (Future<RawHttp.Reply> reply : replies) {
				done.add(reply.get(30, TimeUnit.SECONDS));
			}
			return done;
		}
		finally {
			threads.shutdownNow();
		}
	}

}
