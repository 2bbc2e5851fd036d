package dev.naistoken.logging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.naistoken.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule: a line is written at once, its repeats within the interval are counted, and the first
 * repeat after the interval is written with that count.
 */
@ExtendWith(OutputCaptureExtension.class)
class RateLimitedLogTests {

	private static final String LINE = "Token introspection unavailable, answering 503: the endpoint refused the connection";

	private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T00:00:00Z"));

	private final RateLimitedLog log = new RateLimitedLog(LogFactory.getLog(RateLimitedLogTests.class),
			Duration.ofSeconds(60), this.clock);

	@Test
	void writesTheFirstLineAtOnce(CapturedOutput output) {
		this.log.warn(LINE);
		assertThat(lines(output, LINE)).singleElement().asString().contains("WARN").endsWith(LINE);
	}

	@Test
	void holdsBackRepeatsWithinTheInterval(CapturedOutput output) {
		for (int i = 0; i < 1000; i++) {
			this.log.warn(LINE);
			this.clock.advance(Duration.ofMillis(59));
		}
		assertThat(lines(output, LINE)).hasSize(1);
	}

	@Test
	void writesTheFirstRepeatAfterTheIntervalWithTheCountHeldBack(CapturedOutput output) {
		this.log.warn(LINE);
		for (int i = 0; i < 1234; i++) {
			this.log.warn(LINE);
		}
		this.clock.advance(Duration.ofSeconds(75));
		this.log.warn(LINE);
		this.log.warn(LINE);
		assertThat(lines(output, LINE)).hasSize(2)
			.last()
			.asString()
			.endsWith(LINE + " (seen 1234 more times in the last 75 s)");
	}

	@Test
	void startsAFreshIntervalAfterWriting(CapturedOutput output) {
		this.log.warn(LINE);
		this.clock.advance(Duration.ofSeconds(60));
		this.log.warn(LINE);
		this.clock.advance(Duration.ofSeconds(30));
		this.log.warn(LINE);
		assertThat(lines(output, LINE)).hasSize(2);
		this.clock.advance(Duration.ofSeconds(30));
		this.log.warn(LINE);
		assertThat(lines(output, LINE)).hasSize(3)
			.last()
			.asString()
			.endsWith(" (seen 1 more times in the last 60 s)");
	}

	@Test
	void writesEachDistinctCauseOnItsOwn(CapturedOutput output) {
		String other = "Token introspection unavailable, answering 503: the endpoint answered HTTP 502";
		for (int i = 0; i < 10; i++) {
			this.log.warn(LINE);
			this.log.warn(other);
		}
		assertThat(lines(output, LINE)).hasSize(1);
		assertThat(lines(output, other)).hasSize(1);
	}

	@Test
	void writesErrorsAtError(CapturedOutput output) {
		String line = "Token introspection misconfigured, answering 500: enable spec.azure.application.enabled";
		this.log.error(line);
		this.log.error(line);
		assertThat(lines(output, line)).singleElement().asString().contains("ERROR");
	}

	@Test
	void countsEveryRepeatFromConcurrentThreads(CapturedOutput output) throws InterruptedException {
		int threads = 4;
		int each = 2000;
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				awaitQuietly(start);
				for (int i = 0; i < each; i++) {
					this.log.warn(LINE);
				}
			});
			worker.start();
			workers.add(worker);
		}
		start.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		this.clock.advance(Duration.ofMinutes(1));
		this.log.warn(LINE);
		assertThat(lines(output, LINE)).hasSize(2)
			.last()
			.asString()
			.endsWith("(seen " + (threads * each - 1) + " more times in the last 60 s)");
	}

	@Test
	void forgetsFinishedIntervalsWhenTooManyDistinctLinesArrive(CapturedOutput output) {
		this.log.warn(LINE);
		this.clock.advance(Duration.ofMinutes(2));
		for (int i = 0; i < RateLimitedLog.MAX_LINES; i++) {
			this.log.warn("cause " + i);
		}
		// The first line's interval was over and forgotten: it is written again, with no stale count.
		this.log.warn(LINE);
		assertThat(lines(output, LINE)).hasSize(2).allSatisfy((line) -> assertThat(line).endsWith(LINE));
	}

	private static List<String> lines(CapturedOutput output, String text) {
		return output.getOut().lines().filter((line) -> line.contains(text)).toList();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
