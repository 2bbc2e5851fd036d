package dev.naistoken.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.WebFilter;

import dev.naistoken.ReactiveStack;
import dev.naistoken.test.FakeTexas;
import dev.naistoken.test.RawSocketEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the reactive stack, a request waiting for the endpoint holds no thread: over a real Netty server,
 * the endpoint holds every answer until {@code CONCURRENT} requests, each with a token of its own, have
 * reached it, eight times as many as Netty has event-loop threads. If the introspector parked an
 * event-loop thread per call, no more requests than there are event loops could reach the endpoint and
 * the answers would never come (the test's client, on the same event loops, would wait out its bound).
 * And 1,000 concurrent first requests for one token make one call; an uncached answer is written on the
 * request's own event loop, and a keep-alive client gets every answer.
 */
@ReactiveStack
@SpringBootTest(classes = { TestApi.class, EventLoopTests.ThreadProbe.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "nais.token.groups.admins=" + TestApi.ADMINS_GROUP_ID, "nais.token.introspection.read-timeout=20s",
				"spring.main.banner-mode=off" })
class EventLoopTests {

	private static final int CONCURRENT = 8 * LoopResources.DEFAULT_IO_WORKER_COUNT;

	private static final String ACTIVE = "{\"active\":true,\"exp\":4102444800,\"iat\":1730977293,\"sub\":\"x\"}";

	/** How the endpoint answers each request; per request, as connections outlive a test. */
	private static final AtomicReference<Answer> answer = new AtomicReference<>();

	private static final AtomicInteger requests = new AtomicInteger();

	private static final RawSocketEndpoint endpoint = new RawSocketEndpoint(0, (socket, raw) -> {
		while (RawSocketEndpoint.readRequest(socket.getInputStream())) {
			requests.incrementAndGet();
			answer.get().answer(socket);
		}
	});

	private static final ConnectionProvider clientConnections = ConnectionProvider.builder("event-loop-tests")
		.maxConnections(1000)
		.pendingAcquireMaxCount(-1)
		.build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void endpointProperties(DynamicPropertyRegistry registry) {
		registry.add("nais.token.introspection.endpoint", () -> "http://127.0.0.1:" + endpoint.port() + FakeTexas.PATH);
	}

	@AfterAll
	static void stop() {
		endpoint.close();
		clientConnections.dispose();
	}

	@BeforeEach
	void countAgain() {
		requests.set(0);
	}

	@Test
	void requestsWaitingForTheEndpointHoldNoEventLoopThread() {
		CountDownLatch arrived = new CountDownLatch(CONCURRENT);
		answer.set((socket) -> {
			arrived.countDown();
			arrived.await(20, TimeUnit.SECONDS);
			active(socket);
		});
		List<Integer> statuses = Flux.range(0, CONCURRENT)
			.flatMap((i) -> get("cache-off-" + UUID.randomUUID()), CONCURRENT)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(arrived.getCount()).as("requests that never reached the endpoint").isZero();
		assertThat(statuses).hasSize(CONCURRENT).containsOnly(200);
	}

	@Test
	void aThousandConcurrentFirstRequestsForOneTokenMakeOneCall() {
		answer.set((socket) -> {
			Thread.sleep(1000);
			active(socket);
		});
		String token = "one-token-" + UUID.randomUUID();
		List<Integer> statuses = Flux.range(0, 1000)
			.flatMap((i) -> get(token), 1000)
			.collectList()
			.block(Duration.ofSeconds(120));
		assertThat(statuses).hasSize(1000).containsOnly(200);
		assertThat(requests).as("calls to the endpoint").hasValue(1);
	}

	/**
	 * The JDK client's {@code sendAsync} completes each response on {@code CompletableFuture}'s default
	 * executor, which starts a thread per response where the common pool has fewer than two threads
	 * (machines with fewer than 3 cores); the reactive transport must not.
	 */
	@Test
	void uncachedRequestsStartNoThreadPerAnswer() {
		answer.set(EventLoopTests::active);
		get("warm-up-" + UUID.randomUUID()).block(Duration.ofSeconds(30));
		long startedBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
		List<Integer> statuses = Flux.range(0, 200)
			.concatMap((i) -> get("uncached-" + UUID.randomUUID()))
			.collectList()
			.block(Duration.ofSeconds(60));
		long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - startedBefore;
		assertThat(statuses).hasSize(200).containsOnly(200);
		assertThat(requests).hasValue(201);
		assertThat(started).as("threads started during 200 uncached requests").isLessThan(20);
	}

	/**
	 * The endpoint's answer arrives on the event loop of the client's connection; the request goes on on
	 * its own connection's loop (where a filter in front of security saw it arrive), so that its response
	 * is written and ended in one task there. Failed before: the controller ran on the loop of whichever
	 * pooled connection carried the call.
	 */
	@Test
	void anUncachedAnswerGoesOnOnTheRequestsOwnEventLoop() throws Exception {
		answer.set(EventLoopTests::active);
		java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
		for (int i = 0; i < 40; i++) {
			HttpResponse<String> response = keptAlive(client, "/probe/thread", "uncached-", Duration.ofSeconds(20));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).as("thread of the controller, request %d", i)
				.isEqualTo(response.headers().firstValue(ThreadProbe.ARRIVED_ON).orElseThrow());
		}
	}

	/**
	 * Reactor Netty (reactor/reactor-netty#4361) stops reading a keep-alive connection whose request came
	 * in before the previous response had ended on its loop: the client then waits forever. Failed
	 * before: after a burst of uncached requests, one of 300 sequential requests on one connection got
	 * no answer, in two runs of three.
	 */
	@Test
	void aKeepAliveClientGetsEveryAnswerAfterABurstOfUncachedRequests() throws Exception {
		answer.set(EventLoopTests::active);
		Flux.range(0, 64).flatMap((i) -> get("burst-" + UUID.randomUUID()), 64).collectList().block(Duration.ofSeconds(60));
		java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
		for (int i = 0; i < 300; i++) {
			HttpResponse<String> response = keptAlive(client, "/api/hello", "sequential-", Duration.ofSeconds(5));
			assertThat(response.statusCode()).as("request %d on one kept-alive connection", i).isEqualTo(200);
		}
	}

	/** One request on the JDK client's kept-alive connection, with a token never seen before. */
	private HttpResponse<String> keptAlive(java.net.http.HttpClient client, String path, String tokenPrefix,
			Duration timeout) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + tokenPrefix + UUID.randomUUID())
			.timeout(timeout)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private Mono<Integer> get(String token) {
		return HttpClient.create(clientConnections)
			.headers((headers) -> headers.set("Authorization", "Bearer " + token))
			.get()
			.uri("http://127.0.0.1:" + this.port + "/api/hello")
			.responseSingle((response, body) -> body.then(Mono.just(response.status().code())));
	}

	private static void active(Socket socket) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(RawSocketEndpoint.ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
				+ ACTIVE.length() + "\r\n\r\n" + ACTIVE));
		out.flush();
	}

	/** Names the thread a request arrived on (before security) and the one its controller runs on. */
	@Configuration(proxyBeanMethods = false)
	@RestController
	static class ThreadProbe {

		static final String ARRIVED_ON = "X-Arrived-On";

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		WebFilter arrivalThread() {
			return (exchange, chain) -> {
				exchange.getResponse().getHeaders().set(ARRIVED_ON, Thread.currentThread().getName());
				return chain.filter(exchange);
			};
		}

		@GetMapping("/probe/thread")
		String thread() {
			return Thread.currentThread().getName();
		}

	}

	@FunctionalInterface
	private interface Answer {

		void answer(Socket socket) throws IOException, InterruptedException;

	}

}
