package dev.naistoken.sample;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.naistoken.test.FakeTexas;
import dev.naistoken.test.TokenBuilder;

/**
 * The sample on a laptop, no NAIS and no Docker: starts a fake introspection endpoint, points the
 * starter at it, runs {@link SampleApplication} unchanged, and prints demo tokens with ready curl
 * lines. In the test sources, so nothing of it reaches the application's jar. Run it from the
 * repository's root:
 * <pre>
 * ./mvnw -pl sample-app -am spring-boot:test-run
 * </pre>
 * Spring Boot arguments go after {@code -Dspring-boot.run.arguments=}, e.g.
 * {@code --server.port=8081}.
 */
public final class LocalSampleApplication {

	static final String READERS = "2b7e9c41-0000-4000-8000-000000000001";

	static final String ADMINS = "2b7e9c41-0000-4000-8000-000000000002";

	private LocalSampleApplication() {
	}

	public static void main(String[] args) {
		start(System.out, args);
	}

	/**
	 * Starts the sample in local mode.
	 * @param out where the demo tokens are printed
	 * @param args Spring Boot arguments
	 * @return the running application
	 */
	static ConfigurableApplicationContext start(PrintStream out, String... args) {
		FakeTexas texas = FakeTexas.start();
		LocalMode localMode = new LocalMode(texas, out);
		SpringApplication.withHook((application) -> localMode, () -> SampleApplication.main(args));
		if (localMode.context == null) {
			texas.close();
			throw new IllegalStateException("The sample did not start");
		}
		return localMode.context;
	}

	/** The demo tokens: who, what they may do, and the request that shows it. */
	static List<Demo> demos(FakeTexas texas) {
		Duration workday = Duration.ofHours(8);
		return List.of(
				new Demo("a reader (group readers)", "GET", "/api/cases", 200,
						texas.token().groups(READERS).expiresIn(workday).issue()),
				new Demo("an admin (group admins)", "POST", "/api/cases/CASE-2/close", 200,
						texas.token().groups(ADMINS).navIdent("Z990002").expiresIn(workday).issue()),
				new Demo("a user in no group", "GET", "/api/cases", 403, texas.token().expiresIn(workday).issue()),
				new Demo("the same user, own cases (scope defaultaccess)", "GET", "/api/cases/assigned-to-me", 200,
						texas.token().expiresIn(workday).issue()),
				new Demo("an app-to-app caller (role access_as_application)", "GET", "/api/internal/statistics", 200,
						texas.token().app().expiresIn(workday).issue()),
				new Demo("an expired token", "GET", "/api/me", 401, texas.token().groups(ADMINS).expired().issue()));
	}

	/**
	 * One printed example.
	 * @param who the caller
	 * @param method the HTTP method
	 * @param path the path
	 * @param status the status the request gets
	 * @param token the bearer token
	 */
	record Demo(String who, String method, String path, int status, String token) {

		String curl(String baseUrl) {
			return "curl -i " + ("GET".equals(this.method) ? "" : "-X " + this.method + " ")
					+ "-H \"Authorization: Bearer " + this.token + "\" " + baseUrl + this.path;
		}

	}

	/**
	 * Hooks the fake endpoint into the sample's start-up: its URL as the endpoint property, the fake as a
	 * bean the context closes, and the demo lines once the application is ready.
	 */
	private static final class LocalMode implements SpringApplicationRunListener {

		private final FakeTexas texas;

		private final PrintStream out;

		private @Nullable ConfigurableApplicationContext context;

		LocalMode(FakeTexas texas, PrintStream out) {
			this.texas = texas;
			this.out = out;
		}

		@Override
		public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
				ConfigurableEnvironment environment) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("localMode",
						Map.of("nais.token.introspection.endpoint", this.texas.endpoint().toString())));
		}

		@Override
		public void contextPrepared(ConfigurableApplicationContext context) {
			((BeanDefinitionRegistry) context.getBeanFactory()).registerBeanDefinition("fakeTexas",
					new RootBeanDefinition(FakeTexas.class, () -> this.texas));
		}

		@Override
		public void ready(ConfigurableApplicationContext context, Duration timeTaken) {
			this.context = context;
			String baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
			StringBuilder text = new StringBuilder(4096).append("\n")
				.append("=".repeat(100))
				.append("\nnais-token sample, LOCAL MODE: tokens are checked by a fake introspection endpoint at ")
				.append(this.texas.endpoint())
				.append("\nDemo tokens (valid 8 hours, only for this run). Each line: who, the status it gets, the curl.\n");
			for (Demo demo : demos(this.texas)) {
				text.append("\n# ")
					.append(demo.who())
					.append(" -> ")
					.append(demo.status())
					.append("\n")
					.append(demo.curl(baseUrl))
					.append("\n");
			}
			text.append("\n# no token -> 401\ncurl -i ")
				.append(baseUrl)
				.append("/api/me\n# public health probe, no token -> 200\ncurl -i ")
				.append(baseUrl)
				.append("/actuator/health\n\n")
				.append("Any of the tokens on /api/me shows what the starter made of it. Stop with Ctrl+C.\n")
				.append("=".repeat(100))
				.append("\n");
			this.out.print(text);
			this.out.flush();
		}

		@Override
		public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
			this.texas.close();
		}

	}

}
