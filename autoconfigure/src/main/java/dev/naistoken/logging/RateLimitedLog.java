package dev.naistoken.logging;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * A log that writes each distinct line at once, then holds back repeats of it for an interval and
 * says how many it held back.
 * <p>
 * A dead endpoint under load fails every request for the same reason: one line a minute says so as
 * clearly as thousands, and leaves the rest of the log readable. The rule, per distinct line (its
 * text is its key):
 * <ul>
 * <li>the first occurrence is written at once, and opens an interval;</li>
 * <li>repeats within the interval are counted, not written;</li>
 * <li>the first repeat after the interval is written with the count of those held back, as
 * {@code <line> (seen 1234 more times in the last 60 s)}, and opens the next interval.</li>
 * </ul>
 * Callers keep their lines free of token and claim values, which also keeps the number of distinct
 * lines small; past {@value #MAX_LINES} of them, those whose interval is over are forgotten, and if
 * that is not enough, all are (so a line may then be written again early).
 * <p>
 * Shared by this starter's packages; not an API for applications.
 */
public final class RateLimitedLog {

	/** One line per cause per minute: often enough to see a failure continue, rarely enough to read. */
	public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

	static final int MAX_LINES = 256;

	private final Log log;

	private final long intervalMillis;

	private final Clock clock;

	private final ConcurrentHashMap<String, Interval> intervals = new ConcurrentHashMap<>();

	/**
	 * Creates a log that writes each distinct line at most once per {@link #DEFAULT_INTERVAL}.
	 * @param log where lines go
	 */
	public RateLimitedLog(Log log) {
		this(log, DEFAULT_INTERVAL, Clock.systemUTC());
	}

	/**
	 * Creates a log that writes each distinct line at most once per interval.
	 * @param log where lines go
	 * @param interval how long repeats of a written line are held back
	 * @param clock the clock that measures the interval
	 */
	public RateLimitedLog(Log log, Duration interval, Clock clock) {
		this.log = log;
		this.intervalMillis = interval.toMillis();
		this.clock = clock;
	}

	/**
	 * Writes a line at WARN, unless the same line was written less than an interval ago.
	 * @param line the line, free of token and claim values
	 */
	public void warn(String line) {
		if (this.log.isWarnEnabled()) {
			String written = admit(line);
			if (written != null) {
				this.log.warn(written);
			}
		}
	}

	/**
	 * Writes a line at ERROR, unless the same line was written less than an interval ago.
	 * @param line the line, free of token and claim values
	 */
	public void error(String line) {
		if (this.log.isErrorEnabled()) {
			String written = admit(line);
			if (written != null) {
				this.log.error(written);
			}
		}
	}

	/** The line to write now, or {@code null} to hold it back. */
	private @Nullable String admit(String line) {
		long now = this.clock.millis();
		if (this.intervals.size() >= MAX_LINES && !this.intervals.containsKey(line)) {
			forgetFinished(now);
		}
		long[] heldBack = { -1 };
		long[] since = { now };
		this.intervals.compute(line, (key, interval) -> {
			if (interval != null && now - interval.startMillis < this.intervalMillis) {
				interval.heldBack++;
				return interval;
			}
			if (interval != null) {
				heldBack[0] = interval.heldBack;
				since[0] = interval.startMillis;
			}
			else {
				heldBack[0] = 0;
			}
			return new Interval(now);
		});
		if (heldBack[0] < 0) {
			return null;
		}
		if (heldBack[0] == 0) {
			return line;
		}
		return line + " (seen " + heldBack[0] + " more times in the last " + (now - since[0]) / 1000 + " s)";
	}

	private void forgetFinished(long now) {
		this.intervals.values().removeIf((interval) -> now - interval.startMillis >= this.intervalMillis);
		if (this.intervals.size() >= MAX_LINES) {
			this.intervals.clear();
		}
	}

	private static final class Interval {

		private final long startMillis;

		private long heldBack;

		Interval(long startMillis) {
			this.startMillis = startMillis;
		}

	}

}
