package dev.naistoken.soak;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationContext;

import dev.naistoken.introspection.cache.IntrospectionCache;
import dev.naistoken.test.FakeTexas;

/**
 * A bounded load of mixed tokens against an application on loopback while its introspection endpoint
 * (a {@link FakeTexas}) flips between healthy, failing, slow, too slow and down. Every answer is checked
 * against what it may be for its kind of token: any other is a wrong decision.
 */
final class Soak {

	private final FakeTexas texas;

	private final URI target;

	private final Settings settings;

	private final IntSupplier cacheSize;

	private volatile Phase phase = Phase.HEALTHY;

	/**
	 * Prepares a run against the application on {@code port} in this JVM.
	 * @param context the application, for its port and its cache of active tokens
	 * @param texas the endpoint the application introspects with
	 * @param settings how much load, for how long
	 */
	Soak(ApplicationContext context, FakeTexas texas, Settings settings) {
		this.texas = texas;
		this.target = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")
				+ "/api/admin");
		this.settings = settings;
		IntrospectionCache cache = context.getBeanProvider(IntrospectionCache.class).getIfAvailable();
		this.cacheSize = (cache != null) ? cache::size : () -> 0;
	}

	Result run() throws InterruptedException {
		Snapshot before = Snapshot.take();
		Tokens tokens = new Tokens(this.texas, new Random(this.settings.seed()));
		Map<Kind, Map<Integer, LongAdder>> statuses = new EnumMap<>(Kind.class);
		for (Kind kind : Kind.values()) {
			statuses.put(kind, new ConcurrentHashMap<>());
		}
		Map<Phase, LongAdder> phaseRequests = new EnumMap<>(Phase.class);
		for (Phase each : Phase.values()) {
			phaseRequests.put(each, new LongAdder());
		}
		AtomicLong issued = new AtomicLong();
		LongAdder wrong = new LongAdder();
		LongAdder clientErrors = new LongAdder();
		List<String> samples = new CopyOnWriteArrayList<>();
		long deadline = System.nanoTime() + this.settings.maxDuration().toNanos();
		ExecutorService clientIo = Executors.newCachedThreadPool(named("soak-client-io-"));
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(clientIo)
			.build();
		Thread flapper = new Thread(() -> flap(deadline), "soak-flapper");
		flapper.setDaemon(true);
		ExecutorService clients = Executors.newFixedThreadPool(this.settings.clients(), named("soak-client-"));
		CountDownLatch done = new CountDownLatch(this.settings.clients());
		long start = System.nanoTime();
		flapper.start();
		for (int c = 0; c < this.settings.clients(); c++) {
			long seed = this.settings.seed() + c + 1;
			clients.execute(() -> {
				Random random = new Random(seed);
				try {
					while (System.nanoTime() < deadline && issued.incrementAndGet() <= this.settings.maxRequests()) {
						Kind kind = Kind.pick(random);
						Phase during = this.phase;
						phaseRequests.get(during).increment();
						HttpRequest request = HttpRequest.newBuilder(this.target)
							.timeout(Duration.ofSeconds(10))
							.header("Authorization", tokens.header(kind, random))
							.GET()
							.build();
						try {
							int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
							statuses.get(kind).computeIfAbsent(status, (key) -> new LongAdder()).increment();
							if (!kind.allowed.contains(status)) {
								wrong.increment();
								sample(samples, kind + " got " + status + " (endpoint " + during + ")");
							}
						}
						catch (Exception ex) {
							clientErrors.increment();
							sample(samples, kind + " failed: " + ex + " (endpoint " + during + ")");
						}
					}
				}
				finally {
					done.countDown();
				}
			});
		}
		done.await();
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		clients.shutdown();
		clientIo.shutdown();
		flapper.interrupt();
		flapper.join(5000);
		this.texas.healthy();
		int threadsRightAfter = Snapshot.applicationThreads(Snapshot.liveThreadsByPool());
		Thread.sleep(this.settings.settle().toMillis());
		Snapshot after = Snapshot.take();
		Map<Kind, Map<Integer, Long>> counted = new EnumMap<>(Kind.class);
		statuses.forEach((kind, byStatus) -> {
			Map<Integer, Long> sorted = new TreeMap<>();
			byStatus.forEach((status, count) -> sorted.put(status, count.sum()));
			counted.put(kind, sorted);
		});
		Map<Phase, Long> phases = new EnumMap<>(Phase.class);
		phaseRequests.forEach((each, count) -> phases.put(each, count.sum()));
		return new Result(this.settings, elapsed, counted, phases, wrong.sum(), clientErrors.sum(), samples, before,
				threadsRightAfter, after, tokens.fresh.sum(), this.cacheSize.getAsInt());
	}

	private static ThreadFactory named(String prefix) {
		AtomicLong count = new AtomicLong();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static void sample(List<String> samples, String line) {
		if (samples.size() < 20) {
			samples.add(line);
		}
	}

	/** Every {@code flipEvery}, the next phase of a shuffled round of all of them. */
	private void flap(long deadline) {
		Random random = new Random(this.settings.seed());
		List<Phase> round = new ArrayList<>(List.of(Phase.values()));
		try {
			while (System.nanoTime() < deadline) {
				Collections.shuffle(round, random);
				for (Phase next : round) {
					next.apply(this.texas);
					this.phase = next;
					Thread.sleep(this.settings.flipEvery().toMillis());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * How much load, for how long.
	 * @param maxRequests stop after this many requests
	 * @param maxDuration or after this long, whichever comes first
	 * @param clients concurrent clients, each sending one request after another
	 * @param flipEvery how long the endpoint stays in one phase
	 * @param settle how long to wait after the load before the last snapshot
	 * @param seed the seed of every random choice, so a run can be repeated
	 */
	record Settings(long maxRequests, Duration maxDuration, int clients, Duration flipEvery, Duration settle,
			long seed) {

		/**
		 * The full run, from system properties {@code soak.requests}, {@code soak.duration},
		 * {@code soak.clients}, {@code soak.flip}, {@code soak.settle} (durations in ISO-8601) and
		 * {@code soak.seed}. The default settle time outlasts Tomcat's and the JDK client's 60 s idle
		 * timeouts, so the last snapshot shows whether threads went back.
		 */
		static Settings full() {
			return new Settings(Long.getLong("soak.requests", 120_000),
					Duration.parse(System.getProperty("soak.duration", "PT4M30S")),
					Integer.getInteger("soak.clients", 32),
					Duration.parse(System.getProperty("soak.flip", "PT1S")),
					Duration.parse(System.getProperty("soak.settle", "PT65S")),
					Long.getLong("soak.seed", 20261129));
		}

	}

	/** What the endpoint does during one phase. */
	enum Phase {

		HEALTHY {
			@Override
			void apply(FakeTexas texas) {
				texas.healthy();
			}
		},

		FAILING_500 {
			@Override
			void apply(FakeTexas texas) {
				texas.healthy();
				texas.failWith(500);
			}
		},

		/** Slower than usual, but within the read timeout (300 ms). */
		SLOW {
			@Override
			void apply(FakeTexas texas) {
				texas.healthy();
				texas.slow(Duration.ofMillis(100));
			}
		},

		/** Slower than the read timeout: every call times out. */
		TOO_SLOW {
			@Override
			void apply(FakeTexas texas) {
				texas.healthy();
				texas.slow(Duration.ofMillis(500));
			}
		},

		/** Connections refused, open ones dropped. */
		DOWN {
			@Override
			void apply(FakeTexas texas) {
				texas.down();
			}
		};

		abstract void apply(FakeTexas texas);

	}

	/**
	 * A kind of token, how often it is sent, and the only statuses it may get. A valid token may meet a
	 * failing endpoint (503) but is never refused; an invalid one is never let in; nothing is a 500, as
	 * the application is not misconfigured.
	 */
	enum Kind {

		/** Valid, in the group the endpoint requires. */
		VALID_IN_GROUP(30, 200, 503),

		/** Valid, in another group. */
		VALID_OTHER_GROUP(20, 403, 503),

		/** Expired an hour ago. */
		EXPIRED(15, 401, 503),

		/** Signed by no key the endpoint knows. */
		UNKNOWN(15, 401, 503),

		/** Token characters, but no JWT. */
		GARBAGE(15, 401, 503),

		/** Not a token at all ({@code Bearer} with two words): refused before the endpoint. */
		MALFORMED(5, 401);

		private static final int TOTAL = 100;

		private final int weight;

		private final Set<Integer> allowed;

		Kind(int weight, Integer... allowed) {
			this.weight = weight;
			this.allowed = Set.of(allowed);
		}

		static Kind pick(Random random) {
			int roll = random.nextInt(TOTAL);
			for (Kind kind : values()) {
				roll -= kind.weight;
				if (roll < 0) {
					return kind;
				}
			}
			throw new IllegalStateException("weights do not add up to " + TOTAL);
		}

		Set<Integer> allowed() {
			return this.allowed;
		}

	}

	/**
	 * The tokens sent: small pools, so the cache answers for valid tokens seen before, and half of the
	 * valid ones fresh, so faults meet valid tokens the cache cannot answer for.
	 */
	private static final class Tokens {

		private final FakeTexas texas;

		private final List<String> inGroup = new ArrayList<>();

		private final List<String> otherGroup = new ArrayList<>();

		private final List<String> expired = new ArrayList<>();

		private final List<String> unknown = new ArrayList<>();

		private final LongAdder fresh = new LongAdder();

		Tokens(FakeTexas texas, Random random) {
			this.texas = texas;
			for (int i = 0; i < 200; i++) {
				this.inGroup.add(texas.token().groups(SoakApplication.ADMINS).issue());
				this.otherGroup.add(texas.token().groups(SoakApplication.OTHERS).issue());
			}
			for (int i = 0; i < 50; i++) {
				this.expired.add(texas.token().groups(SoakApplication.ADMINS).expired().issue());
				String valid = texas.token().groups(SoakApplication.ADMINS).issue();
				int signature = valid.lastIndexOf('.') + 1;
				char flipped = (valid.charAt(signature) == 'A') ? 'B' : 'A';
				this.unknown.add(valid.substring(0, signature) + flipped + valid.substring(signature + 1));
			}
		}

		String header(Kind kind, Random random) {
			return switch (kind) {
				case VALID_IN_GROUP -> "Bearer " + (random.nextBoolean() ? freshToken(SoakApplication.ADMINS)
						: this.inGroup.get(random.nextInt(this.inGroup.size())));
				case VALID_OTHER_GROUP -> "Bearer " + (random.nextBoolean() ? freshToken(SoakApplication.OTHERS)
						: this.otherGroup.get(random.nextInt(this.otherGroup.size())));
				case EXPIRED -> "Bearer " + this.expired.get(random.nextInt(this.expired.size()));
				case UNKNOWN -> "Bearer " + this.unknown.get(random.nextInt(this.unknown.size()));
				case GARBAGE -> "Bearer garbage-" + Long.toHexString(random.nextLong());
				case MALFORMED -> "Bearer not a token";
			};
		}

		private String freshToken(String group) {
			this.fresh.increment();
			return this.texas.token().groups(group).issue();
		}

	}

	/**
	 * Heap in use after a full collection, and live threads by pool (names with their numbers as
	 * {@code #}).
	 * @param heapUsedBytes heap in use
	 * @param threadsByPool live threads by pool, the fake endpoint's and the load's own included
	 */
	record Snapshot(long heapUsedBytes, Map<String, Integer> threadsByPool) {

		/** Threads of the fake endpoint and of the load itself: not the application's. */
		private static final Pattern NOT_THE_APPLICATION = Pattern.compile("fake-texas-.*|soak-.*");

		static Snapshot take() throws InterruptedException {
			for (int i = 0; i < 3; i++) {
				System.gc();
				Thread.sleep(100);
			}
			return new Snapshot(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), liveThreadsByPool());
		}

		static Map<String, Integer> liveThreadsByPool() {
			Map<String, Integer> pools = new TreeMap<>();
			for (Thread thread : Thread.getAllStackTraces().keySet()) {
				pools.merge(thread.getName().replaceAll("\\d+", "#"), 1, Integer::sum);
			}
			return pools;
		}

		static int applicationThreads(Map<String, Integer> pools) {
			return pools.entrySet().stream()
				.filter((pool) -> !NOT_THE_APPLICATION.matcher(pool.getKey()).matches())
				.mapToInt(Map.Entry::getValue)
				.sum();
		}

		int applicationThreads() {
			return applicationThreads(this.threadsByPool);
		}

	}

	/**
	 * What a run saw.
	 * @param settings how it ran
	 * @param elapsed how long the load lasted
	 * @param statuses for each kind of token, how often each status came back
	 * @param phaseRequests how many requests started in each phase of the endpoint
	 * @param wrongDecisions answers outside what their kind may get
	 * @param clientErrors requests that got no answer at all
	 * @param samples the first wrong decisions and errors
	 * @param before the snapshot before the load
	 * @param threadsRightAfter live threads the moment the load ended
	 * @param after the snapshot after the load and the settle time
	 * @param freshTokens valid tokens issued during the run, unknown to the cache
	 * @param cacheEntries entries in the application's cache of active tokens at the end
	 */
	record Result(Settings settings, Duration elapsed, Map<Kind, Map<Integer, Long>> statuses,
			Map<Phase, Long> phaseRequests, long wrongDecisions, long clientErrors, List<String> samples,
			Snapshot before, int threadsRightAfter, Snapshot after, long freshTokens, int cacheEntries) {

		long requests() {
			return this.statuses.values().stream().flatMap((byStatus) -> byStatus.values().stream())
				.mapToLong(Long::longValue).sum() + this.clientErrors;
		}

		long count(int status) {
			return this.statuses.values().stream().mapToLong((byStatus) -> byStatus.getOrDefault(status, 0L)).sum();
		}

		String report() {
			StringBuilder out = new StringBuilder();
			long requests = requests();
			out.append(String.format("requests           %,d in %.1f s (%,.0f/s), %d clients, endpoint flips every %d ms%n",
					requests, this.elapsed.toMillis() / 1000.0, requests * 1000.0 / Math.max(1, this.elapsed.toMillis()),
					this.settings.clients(), this.settings.flipEvery().toMillis()));
			out.append(String.format("wrong decisions    %d%n", this.wrongDecisions));
			out.append(String.format("client errors      %d%n", this.clientErrors));
			out.append(String.format("503 share          %.1f %%%n", 100.0 * count(503) / Math.max(1, requests)));
			out.append(String.format("fresh valid tokens %,d%n", this.freshTokens));
			out.append("by kind            ");
			this.statuses.forEach((kind, byStatus) -> out.append(kind).append(' ').append(byStatus).append("  "));
			out.append(String.format("%nrequests by phase  %s%n", this.phaseRequests));
			out.append(String.format("heap used          %.1f MiB before, %.1f MiB after (after full GC), "
					+ "%,d active tokens cached at the end%n", this.before.heapUsedBytes() / 1048576.0,
					this.after.heapUsedBytes() / 1048576.0, this.cacheEntries));
			out.append(String.format("app threads        %d before, %d right after the load, %d after %d s "
					+ "(all but the fake endpoint's and the load's)%n", this.before.applicationThreads(),
					this.threadsRightAfter, this.after.applicationThreads(), this.settings.settle().toSeconds()));
			out.append(String.format("threads by pool    before %s%n                   after  %s%n",
					this.before.threadsByPool(), this.after.threadsByPool()));
			this.samples.forEach((sample) -> out.append("sample             ").append(sample).append('\n'));
			return out.toString();
		}

	}

}
