package dev.naistoken.soak;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.naistoken.test.FakeTexas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full soak: at least 100k requests (120k by default), at most 4.5 minutes, 32 clients, the
 * endpoint flipping every second. Not part of {@code ./mvnw verify}; run it with
 * <pre>
 * ./mvnw -B -pl test-support -am verify -Dtest=SoakRunTests -Dsurefire.failIfNoSpecifiedTests=false -Dsoak=full
 * </pre>
 * or start {@link #main(String[])}. {@code -Dsoak.requests}, {@code -Dsoak.duration=PT2M},
 * {@code -Dsoak.clients}, {@code -Dsoak.flip=PT1S}, {@code -Dsoak.seed} change the run.
 */
@EnabledIfSystemProperty(named = "soak", matches = "full")
class SoakRunTests {

	@Test
	void fullRun() throws InterruptedException {
		Soak.Result result = run();
		assertThat(result.wrongDecisions()).as(result.report()).isZero();
		assertThat(result.clientErrors()).as(result.report()).isZero();
	}

	public static void main(String[] args) throws InterruptedException {
		Soak.Result result = run();
		System.exit((result.wrongDecisions() == 0 && result.clientErrors() == 0) ? 0 : 1);
	}

	static Soak.Result run() throws InterruptedException {
		try (FakeTexas texas = FakeTexas.start()) {
			// Command-line arguments: they win over any application.yaml on the classpath (the kit's tests have one).
			List<String> arguments = new ArrayList<>();
			for (String property : SoakApplication.PROPERTIES) {
				arguments.add("--" + property);
			}
			arguments.add("--nais.token.introspection.endpoint=" + texas.endpoint());
			arguments.add("--server.port=0");
			SpringApplication application = new SpringApplication(SoakApplication.class);
			try (ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new))) {
				Soak.Result result = new Soak(context, texas, Soak.Settings.full()).run();
				System.out.println();
				System.out.println("=== soak: " + System.getProperty("java.version") + ", "
						+ Runtime.getRuntime().availableProcessors() + " cores, -Xmx "
						+ Runtime.getRuntime().maxMemory() / 1048576 + " MiB");
				System.out.print(result.report());
				return result;
			}
		}
	}

}
