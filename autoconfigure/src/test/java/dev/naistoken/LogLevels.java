package dev.naistoken;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Log levels for the duration of each test, set before it and restored after it to what they were,
 * for a test class that reads log output. Logging is global to the JVM while Spring caches contexts
 * across test classes, so levels set by {@code logging.level.*} properties when a context starts, or
 * reset by another class afterwards, would make a log test depend on which classes ran before it.
 * Register it on the class that needs the levels:
 * <pre>
 * &#64;RegisterExtension
 * static final LogLevels levels = LogLevels.set(LogLevel.TRACE, "dev.naistoken", "org.springframework.security");
 * </pre>
 * It runs after Spring's extension has started (or taken from its cache) the test's context, so a context
 * starting cannot reset the levels a test asked for.
 */
public final class LogLevels implements BeforeEachCallback, AfterEachCallback {

	private static final Namespace NAMESPACE = Namespace.create(LogLevels.class);

	private final Map<String, LogLevel> levels = new LinkedHashMap<>();

	private Level jdkRoot;

	private LogLevels() {
	}

	/** {@code level} for the loggers named (Spring Boot's names; {@code ROOT} for the root logger). */
	public static LogLevels set(LogLevel level, String... names) {
		return new LogLevels().and(level, names);
	}

	/** {@code level} for these loggers as well; a later call wins for a logger named twice. */
	public LogLevels and(LogLevel level, String... names) {
		for (String name : names) {
			this.levels.put(name, level);
		}
		return this;
	}

	/**
	 * The JDK's root logger at {@code level} too: java.util.logging (Tomcat's, the JDK HTTP client's)
	 * reaches the log only through the bridge, and only as far as the JDK logger lets it.
	 */
	public LogLevels jdkRoot(Level level) {
		this.jdkRoot = level;
		return this;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		LoggingSystem system = loggingSystem(context);
		List<Previous> previous = new ArrayList<>();
		for (Map.Entry<String, LogLevel> entry : this.levels.entrySet()) {
			LoggerConfiguration configuration = system.getLoggerConfiguration(entry.getKey());
			previous.add(new Previous(entry.getKey(), (configuration != null) ? configuration.getConfiguredLevel() : null));
			system.setLogLevel(entry.getKey(), entry.getValue());
		}
		Level jdkRootBefore = Logger.getLogger("").getLevel();
		if (this.jdkRoot != null) {
			Logger.getLogger("").setLevel(this.jdkRoot);
		}
		context.getStore(NAMESPACE).put(this, new Saved(previous, jdkRootBefore));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		Saved saved = context.getStore(NAMESPACE).remove(this, Saved.class);
		if (saved == null) {
			return;
		}
		LoggingSystem system = loggingSystem(context);
		for (int i = saved.loggers().size() - 1; i >= 0; i--) {
			Previous previous = saved.loggers().get(i);
			system.setLogLevel(previous.name(), previous.level());
		}
		if (this.jdkRoot != null) {
			Logger.getLogger("").setLevel(saved.jdkRoot());
		}
	}

	private static LoggingSystem loggingSystem(ExtensionContext context) {
		return LoggingSystem.get(context.getRequiredTestClass().getClassLoader());
	}

	private record Previous(String name, LogLevel level) {
	}

	private record Saved(List<Previous> loggers, Level jdkRoot) {
	}

}
