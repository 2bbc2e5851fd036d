package dev.naistoken.benchmarks.load;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.naistoken.benchmarks.reactive.ReactiveBenchApp;
import dev.naistoken.test.FakeTexas;

/**
 * The end-to-end comparison: starts one {@link BenchApp} per setup, each in a JVM of its own on
 * loopback, all against one lean fake endpoint ({@link FakeTexas}, which checks each token's RS256
 * signature on every call, as the real one does), and drives the same bounded wrk load through each,
 * setups alternating round by round. Prints throughput and latency per setup and the ratios the project
 * targets. The mixed setups ({@code bm}, {@code cm}, {@code dm}) are driven with a population of
 * {@value #MIXED} tokens, half Entra ID and half TokenX, taken in turn by a wrk script.
 * <p>
 * Arguments ({@code --name=value}): {@code rounds} (4), {@code seconds} per run (8), {@code connections}
 * under load (16), {@code warmup} seconds per setup (15), {@code setups} (a,s,f,b,c,d,e,bm,cm,dm,ra,rs,rf,rb,rc,rd),
 * {@code heap} of each application (512m), {@code out} (target/load), {@code thread-levels} (1,16,64,256)
 * and {@code thread-scan} (rc,c): after the rounds, each setup named in {@code thread-scan} runs once per
 * load level (connections) and the threads its process holds are printed per level. Setups {@code r*}
 * are the reactive ones ({@link ReactiveBenchApp}, WebFlux on Netty).
 */
public final class LoadComparison {

	private static final Map<String, String> NAMES = new LinkedHashMap<>();

	static {
		NAMES.put("a", "no security");
		NAMES.put("s", "Boot's stock resource-server chain, constant introspector");
		NAMES.put("f", "starter's chain, constant introspector, Spring's conversion");
		NAMES.put("b", "nais-token, cache on");
		NAMES.put("c", "nais-token, cache off");
		NAMES.put("d", "SpringOpaqueTokenIntrospector, same endpoint");
		NAMES.put("e", "NimbusJwtDecoder, local RS256");
		NAMES.put("bm", "nais-token, cache on, Entra ID + TokenX tokens");
		NAMES.put("cm", "nais-token, cache off, Entra ID + TokenX tokens");
		NAMES.put("dm", "SpringOpaqueTokenIntrospector per provider + issuer resolver, Entra ID + TokenX tokens");
		NAMES.put("ra", "reactive (WebFlux, Netty), no security");
		NAMES.put("rs", "reactive, Boot's stock resource-server chain, constant introspector");
		NAMES.put("rf", "reactive, starter's chain, constant introspector");
		NAMES.put("rb", "reactive, nais-token, cache on");
		NAMES.put("rc", "reactive, nais-token, cache off");
		NAMES.put("rd", "reactive, SpringReactiveOpaqueTokenIntrospector, same endpoint");
	}

	/** How many tokens the mixed population holds, half of each provider. */
	static final int MIXED = 100;

	private static final List<String> MIXED_SETUPS = List.of("bm", "cm", "dm");

	/** Setups that answer without a token. */
	private static final List<String> UNSECURED = List.of("a", "ra");

	private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern PERCENTILE = Pattern.compile("\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\b");

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");

	/** USER_HZ: 100 on every Linux this runs on. */
	private static final long CLOCK_TICKS = 100;

	private LoadComparison() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>(Map.of("rounds", "4", "seconds", "8", "connections", "16",
				"warmup", "15", "setups", "a,s,f,b,c,d,e,bm,cm,dm,ra,rs,rf,rb,rc,rd", "heap", "512m", "out", "target/load"));
		options.putIfAbsent("thread-levels", "1,16,64,256");
		options.putIfAbsent("thread-scan", "rc,c");
		for (String arg : args) {
			String option = arg.replaceFirst("^--", "");
			options.put(option.substring(0, option.indexOf('=')), option.substring(option.indexOf('=') + 1));
		}
		int rounds = Integer.parseInt(options.get("rounds"));
		int seconds = Integer.parseInt(options.get("seconds"));
		int connections = Integer.parseInt(options.get("connections"));
		int warmup = Integer.parseInt(options.get("warmup"));
		List<String> setups = List.of(options.get("setups").split(","));
		Path out = Path.of(options.get("out"));
		Files.createDirectories(out);

		options.put("load before", loadAverage());
		KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
		Map<String, Process> apps = new LinkedHashMap<>();
		Map<String, Integer> ports = new LinkedHashMap<>();
		Map<String, List<Run>> loaded = new LinkedHashMap<>();
		Map<String, List<Run>> single = new LinkedHashMap<>();
		Map<String, Long> endpointCalls = new LinkedHashMap<>();
		Map<String, Map<Integer, Run>> threadsByLevel = new LinkedHashMap<>();
		try (FakeTexas texas = FakeTexas.start()) {
			String opaque = texas.token()
				.groups("6a1f3c2e-0000-4000-8000-000000000001", "6a1f3c2e-0000-4000-8000-000000000002",
						"6a1f3c2e-0000-4000-8000-000000000003", "6a1f3c2e-0000-4000-8000-000000000004",
						"6a1f3c2e-0000-4000-8000-000000000005")
				.expiresIn(Duration.ofHours(2))
				.issue();
			String jwt = jwt(keys);
			List<String> mixed = mixedPopulation(texas);
			Path script = out.resolve("mixed.lua");
			Files.writeString(script, wrkScript(mixed), StandardCharsets.UTF_8);
			Map<String, List<String>> load = new LinkedHashMap<>();
			for (String setup : setups) {
				int port = freePort();
				ports.put(setup, port);
				apps.put(setup, startApp(setup, port, texas.endpoint(), keys, options.get("heap"), out));
				load.put(setup, MIXED_SETUPS.contains(setup) ? List.of("-s", script.toString())
						: List.of("-H", "Authorization: Bearer " + (setup.equals("e") ? jwt : opaque)));
				// One at a time: several JVMs starting at once on two busy cores take minutes each.
				List<String> tokens = MIXED_SETUPS.contains(setup) ? List.of(mixed.get(0), mixed.get(1))
						: List.of(setup.equals("e") ? jwt : opaque);
				for (String token : tokens) {
					awaitReady(setup, ports.get(setup), token, apps.get(setup));
				}
				System.out.printf("%s ready on port %d%n", setup, ports.get(setup));
			}
			for (String setup : setups) {
				wrk(apps.get(setup), ports.get(setup), load.get(setup), connections, warmup);
			}
			for (int round = 0; round < rounds; round++) {
				List<String> order = new ArrayList<>(setups);
				if (round % 2 == 1) {
					Collections.reverse(order);
				}
				for (String setup : order) {
					long callsBefore = texas.calls();
					Run run = wrk(apps.get(setup), ports.get(setup), load.get(setup), connections, seconds);
					endpointCalls.merge(setup, texas.calls() - callsBefore, Long::sum);
					loaded.computeIfAbsent(setup, (key) -> new ArrayList<>()).add(run);
					Run one = wrk(apps.get(setup), ports.get(setup), load.get(setup), 1, Math.max(2, seconds / 2));
					single.computeIfAbsent(setup, (key) -> new ArrayList<>()).add(one);
					System.out.printf(Locale.ROOT,
							"round %d %s: %.0f req/s (p99 %.2f ms), app CPU %.1f µs/request, %d threads, 1 connection p99 %.3f ms%n",
							round + 1, setup, run.rps, run.p99, run.appCpuPerRequest(), run.threads, one.p99);
				}
			}
			for (String setup : setups) {
				if (List.of(options.get("thread-scan").split(",")).contains(setup)) {
					threadsByLevel.put(setup, threadScan(apps.get(setup), ports.get(setup), load.get(setup),
							options.get("thread-levels"), seconds));
				}
			}
		}
		finally {
			for (Process app : apps.values()) {
				app.destroy();
			}
			for (Process app : apps.values()) {
				if (!app.waitFor(10, TimeUnit.SECONDS)) {
					app.destroyForcibly();
				}
			}
		}
		options.put("load after", loadAverage());
		String table = table(setups, loaded, single, endpointCalls, options) + threadTable(threadsByLevel);
		System.out.println();
		System.out.println(table);
		Files.writeString(out.resolve("results.md"), table, StandardCharsets.UTF_8);
	}

	/**
	 * {@value #MIXED} tokens, Entra ID and TokenX in turn: users of a colleague's app beside citizens
	 * through a frontend, each token distinct (so each is a first request to a cache).
	 */
	public static List<String> mixedPopulation(FakeTexas texas) {
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < MIXED; i++) {
			tokens.add((i % 2 == 0)
					? texas.token().groups("6a1f3c2e-0000-4000-8000-000000000001").expiresIn(Duration.ofHours(2)).issue()
					: texas.tokenx().pid(String.format(Locale.ROOT, "%011d", 12345678910L + i))
						.expiresIn(Duration.ofHours(2))
						.issue());
		}
		return tokens;
	}

	/** A wrk script that sends the tokens in turn, one per request. */
	public static String wrkScript(List<String> tokens) {
		StringBuilder script = new StringBuilder("tokens = {\n");
		tokens.forEach((token) -> script.append("  \"").append(token).append("\",\n"));
		script.append("}\nlocal i = 0\nrequest = function()\n  i = i % #tokens + 1\n")
			.append("  return wrk.format(nil, nil, { [\"Authorization\"] = \"Bearer \" .. tokens[i] })\nend\n");
		return script.toString();
	}

	/**
	 * An Entra-shaped RS256 JWT for setup e.
	 * @param keys the key pair setup e is given the public half of
	 * @return the signed token
	 * @throws Exception when signing fails
	 */
	public static String jwt(KeyPair keys) throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(FakeTexas.ISSUER)
			.audience(FakeTexas.AUDIENCE)
			.subject("Xj3nJfZr0000000000000000000000000000000000")
			.issueTime(java.util.Date.from(now))
			.notBeforeTime(java.util.Date.from(now))
			.expirationTime(java.util.Date.from(now.plus(Duration.ofHours(2))))
			.claim("azp", "3b1c0f2e-0000-4000-8000-00000000bbbb")
			.claim("azp_name", "dev-gcp:team-a:frontend")
			.claim("groups", List.of("6a1f3c2e-0000-4000-8000-000000000001", "6a1f3c2e-0000-4000-8000-000000000002",
					"6a1f3c2e-0000-4000-8000-000000000003", "6a1f3c2e-0000-4000-8000-000000000004",
					"6a1f3c2e-0000-4000-8000-000000000005"))
			.claim("NAVident", "Z990001")
			.claim("name", "Kari Nordmann")
			.claim("oid", "0f7e3a9b-0000-4000-8000-00000000cccc")
			.claim("preferred_username", "kari.nordmann@example.no")
			.claim("scp", "defaultaccess")
			.claim("tid", FakeTexas.TENANT_ID)
			.claim("ver", "2.0")
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(), claims);
		jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
		return jwt.serialize();
	}

	private static Process startApp(String setup, int port, URI endpoint, KeyPair keys, String heap, Path out)
			throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String main = (setup.startsWith("r") ? ReactiveBenchApp.class : BenchApp.class).getName();
		List<String> command = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch", "-cp",
				System.getProperty("java.class.path"), main, setup, "--server.port=" + port,
				"--nais.token.introspection.endpoint=" + endpoint, "--bench.texas-endpoint=" + endpoint,
				"--bench.jwt.public-key=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
				"--bench.jwt.issuer=" + FakeTexas.ISSUER, "--bench.jwt.audience=" + FakeTexas.AUDIENCE,
				"--bench.issuer.entra-id=" + FakeTexas.ISSUER, "--bench.issuer.tokenx=" + FakeTexas.TOKENX_ISSUER));
		if (setup.equals("bm") || setup.equals("cm")) {
			command.add("--nais.token.providers.entra-id.issuer=" + FakeTexas.ISSUER);
			command.add("--nais.token.providers.tokenx.issuer=" + FakeTexas.TOKENX_ISSUER);
		}
		File log = out.resolve("app-" + setup + ".log").toFile();
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	/** Waits (at most 240 s: a busy shared machine starts several JVMs slowly) until the setup answers 200 with a token and, if secured, 401 without one. */
	private static void awaitReady(String setup, int port, String token, Process app) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		URI hello = URI.create("http://127.0.0.1:" + port + "/hello");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
		while (System.nanoTime() < deadline && app.isAlive()) {
			try {
				HttpResponse<String> ok = client.send(
						HttpRequest.newBuilder(hello).header("Authorization", "Bearer " + token).build(),
						HttpResponse.BodyHandlers.ofString());
				HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(hello).build(),
						HttpResponse.BodyHandlers.ofString());
				int expected = UNSECURED.contains(setup) ? 200 : 401;
				if (ok.statusCode() != 200 || anonymous.statusCode() != expected) {
					throw new IllegalStateException("setup " + setup + " answers " + ok.statusCode()
							+ " with a token and " + anonymous.statusCode() + " without one");
				}
				return;
			}
			catch (IOException ex) {
				Thread.sleep(250);
			}
		}
		throw new IllegalStateException("setup " + setup + " did not start; see its log");
	}

	/**
	 * One bounded wrk run against loopback.
	 * @param load how wrk sends the token: {@code -H <header>}, or {@code -s <script>} for a population
	 */
	private static Run wrk(Process app, int port, List<String> load, int connections, int seconds) throws Exception {
		long appBefore = cpuMicros(app.pid());
		long endpointBefore = cpuMicros(ProcessHandle.current().pid());
		List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
				"--timeout", "5s", "--latency"));
		command.addAll(load);
		command.add("http://127.0.0.1:" + port + "/hello");
		Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30L);
		int threads = threads(app.pid());
		while (!wrk.waitFor(100, TimeUnit.MILLISECONDS)) {
			if (System.nanoTime() > deadline) {
				wrk.destroyForcibly();
				throw new IllegalStateException("wrk did not finish");
			}
			threads = Math.max(threads, threads(app.pid()));
		}
		long appCpu = cpuMicros(app.pid()) - appBefore;
		long endpointCpu = cpuMicros(ProcessHandle.current().pid()) - endpointBefore;
		String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		Matcher requests = REQUESTS.matcher(output);
		Matcher rps = RPS.matcher(output);
		if (wrk.exitValue() != 0 || !rps.find() || !requests.find()) {
			throw new IllegalStateException("wrk failed:\n" + output);
		}
		long failed = 0;
		Matcher errors = NON_2XX.matcher(output);
		if (errors.find()) {
			failed += Long.parseLong(errors.group(1));
		}
		Matcher socketErrors = SOCKET_ERRORS.matcher(output);
		if (socketErrors.find()) {
			Matcher count = Pattern.compile("\\d+").matcher(socketErrors.group(1));
			while (count.find()) {
				failed += Long.parseLong(count.group());
			}
		}
		if (failed > 0) {
			System.out.printf("  %d failed requests (see the app's log):%n%s%n", failed, output);
		}
		double p50 = 0;
		double p99 = 0;
		Matcher percentile = PERCENTILE.matcher(output);
		while (percentile.find()) {
			double value = Double.parseDouble(percentile.group(2));
			double millis = switch (percentile.group(3)) {
				case "us" -> value / 1000;
				case "s" -> value * 1000;
				default -> value;
			};
			if (percentile.group(1).equals("50")) {
				p50 = millis;
			}
			else {
				p99 = millis;
			}
		}
		return new Run(Double.parseDouble(rps.group(1)), p50, p99, Long.parseLong(requests.group(1)), appCpu,
				endpointCpu, failed, threads);
	}

	/** One run per load level, each after a short warm-up at that level, for the threads it makes the application hold. */
	private static Map<Integer, Run> threadScan(Process app, int port, List<String> token, String levels, int seconds)
			throws Exception {
		Map<Integer, Run> runs = new LinkedHashMap<>();
		for (String level : levels.split(",")) {
			int connections = Integer.parseInt(level.strip());
			wrk(app, port, token, connections, 2);
			Run run = wrk(app, port, token, connections, seconds);
			runs.put(connections, run);
			System.out.printf(Locale.ROOT, "threads %d connections: %.0f req/s, %d threads%n", connections, run.rps,
					run.threads);
		}
		return runs;
	}

	/** The threads a process holds now, from {@code /proc/<pid>/status} (Linux). */
	private static int threads(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("Threads:")) {
				return Integer.parseInt(line.substring("Threads:".length()).strip());
			}
		}
		throw new IllegalStateException("no thread count for process " + pid);
	}

	private static String threadTable(Map<String, Map<Integer, Run>> threadsByLevel) {
		if (threadsByLevel.isEmpty()) {
			return "";
		}
		StringBuilder table = new StringBuilder(
				"\nThreads the application holds per load level (the most seen during the run, sampled every 100 ms; "
						+ "after the rounds, so the pools are warm):\n\n| setup | connections | req/s | threads |\n|---|---:|---:|---:|\n");
		StringBuilder verdicts = new StringBuilder();
		threadsByLevel.forEach((setup, runs) -> {
			runs.forEach((connections, run) -> table.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %d |%n",
					setup, connections, run.rps, run.threads)));
			int fewest = runs.values().iterator().next().threads;
			int most = runs.values().stream().mapToInt(Run::threads).max().orElse(fewest);
			verdicts.append(String.format(Locale.ROOT, "| %s | %d → %d | %s |%n", setup, fewest, most,
					(most <= fewest) ? "does not grow" : "grows by " + (most - fewest)));
		});
		return table.append("\n| setup | threads, fewest connections → most | with load |\n|---|---|---|\n")
			.append(verdicts)
			.toString();
	}

	/**
	 * User + system CPU time of a process so far, from {@code /proc/<pid>/stat} (Linux): a figure the
	 * other processes on a shared machine do not distort as they distort throughput.
	 */
	private static long cpuMicros(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return ticks * 1_000_000L / CLOCK_TICKS;
	}

	/** The machine's load average: other processes on a shared machine take CPU from the runs. */
	private static String loadAverage() throws IOException {
		String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String table(List<String> setups, Map<String, List<Run>> loaded, Map<String, List<Run>> single,
			Map<String, Long> endpointCalls, Map<String, String> options) {
		Map<String, Run> load = new LinkedHashMap<>();
		Map<String, Run> one = new LinkedHashMap<>();
		setups.forEach((setup) -> load.put(setup, Run.median(loaded.get(setup))));
		setups.forEach((setup) -> one.put(setup, Run.median(single.get(setup))));
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT, "%s, %d cores, Java %s, %s. Median of %s rounds; %s s per run, "
				+ "wrk -t1 -c%s (and -c1 for the unloaded latency), setups alternating. Load average (1, 5, 15 min) "
				+ "before: %s, after: %s.%n%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), System.getProperty("os.arch"), options.get("rounds"),
				options.get("seconds"), options.get("connections"), options.get("load before"),
				options.get("load after")));
		if (setups.stream().anyMatch(MIXED_SETUPS::contains)) {
			table.append(String.format(Locale.ROOT, "Mixed setups (bm, cm, dm): %d tokens, half Entra ID, half TokenX, "
					+ "sent in turn by a wrk script.%n%n", MIXED));
		}
		table.append(String.format(Locale.ROOT, "| setup | | req/s | p50 ms | p99 ms | 1 conn: p50 ms | p99 ms "
				+ "| app CPU µs/req | endpoint CPU µs/req | endpoint calls | failed requests | app threads: loaded | 1 conn |%n"));
		table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (String setup : setups) {
			Run run = load.get(setup);
			Run unloaded = one.get(setup);
			table.append(String.format(Locale.ROOT,
					"| %s | %s | %.0f | %.2f | %.2f | %.3f | %.3f | %.1f | %.1f | %d | %d | %d | %d |%n", setup,
					NAMES.get(setup), run.rps, run.p50, run.p99, unloaded.p50, unloaded.p99, run.appCpu, run.endpointCpu,
					endpointCalls.getOrDefault(setup, 0L), run.failed + unloaded.failed, run.threads, unloaded.threads));
		}
		table.append("\n| ratio | throughput | app CPU per request, inverted | target |\n|---|---:|---:|---|\n");
		ratio(table, load, "b", "f", 0.95);
		ratio(table, load, "b", "e", 1.0);
		ratio(table, load, "b", "a", 0.70);
		ratio(table, load, "c", "d", 1.0);
		ratio(table, load, "cm", "dm", 1.0);
		ratio(table, load, "bm", "f", Double.NaN);
		ratio(table, load, "cm", "c", Double.NaN);
		ratio(table, load, "f", "s", Double.NaN);
		ratio(table, load, "rb", "ra", 0.70);
		ratio(table, load, "rc", "rd", 1.0);
		ratio(table, load, "rs", "ra", Double.NaN);
		ratio(table, load, "rf", "ra", Double.NaN);
		ratio(table, load, "rb", "rf", Double.NaN);
		if (one.containsKey("c") && one.containsKey("a")) {
			double added = one.get("c").p99 - one.get("a").p99;
			table.append(String.format(Locale.ROOT, "| p99 c − a, 1 connection | %.3f ms | | ≤ 1 ms: %s |%n", added,
					(added <= 1.0) ? "met" : "NOT met"));
		}
		if (load.containsKey("c") && load.containsKey("a")) {
			table.append(String.format(Locale.ROOT, "| p99 c − a, under load (-c%s) | %.3f ms | | (queueing included) |%n",
					options.get("connections"), load.get("c").p99 - load.get("a").p99));
		}
		return table.toString();
	}

	private static void ratio(StringBuilder table, Map<String, Run> load, String over, String under, double target) {
		if (!load.containsKey(over) || !load.containsKey(under)) {
			return;
		}
		double ratio = load.get(over).rps / load.get(under).rps;
		double cpuRatio = load.get(under).appCpu / load.get(over).appCpu;
		String verdict = Double.isNaN(target) ? "(information)"
				: String.format(Locale.ROOT, "≥ %.2f: %s", target, (ratio >= target) ? "met" : "NOT met");
		table.append(String.format(Locale.ROOT, "| %s/%s | %.3f | %.3f | %s |%n", over, under, ratio, cpuRatio, verdict));
	}

	/**
	 * One wrk run.
	 * @param rps requests per second
	 * @param p50 median latency, ms
	 * @param p99 99th percentile latency, ms
	 * @param requests requests completed
	 * @param appCpu CPU time the application's process used during the run, µs
	 * @param endpointCpu CPU time this process (the fake endpoint) used during the run, µs
	 * @param failed requests answered with a status other than 2xx/3xx, or lost to a socket error
	 * @param threads the most threads the application's process held during the run
	 */
	record Run(double rps, double p50, double p99, long requests, double appCpu, double endpointCpu, long failed,
			int threads) {

		double appCpuPerRequest() {
			return this.appCpu / this.requests;
		}

		double endpointCpuPerRequest() {
			return this.endpointCpu / this.requests;
		}

		static Run median(List<Run> runs) {
			return new Run(median(runs.stream().mapToDouble(Run::rps).sorted().toArray()),
					median(runs.stream().mapToDouble(Run::p50).sorted().toArray()),
					median(runs.stream().mapToDouble(Run::p99).sorted().toArray()), 1,
					median(runs.stream().mapToDouble(Run::appCpuPerRequest).sorted().toArray()),
					median(runs.stream().mapToDouble(Run::endpointCpuPerRequest).sorted().toArray()),
					runs.stream().mapToLong(Run::failed).sum(), runs.stream().mapToInt(Run::threads).max().orElse(0));
		}

		private static double median(double[] sorted) {
			int middle = sorted.length / 2;
			return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
		}

	}

}
