package dev.naistoken.test;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.function.ThrowingConsumer;

/**
 * Runs an application on a laptop, no NAIS and no Docker: starts a {@link FakeTexas}, points
 * {@code nais.token.introspection.endpoint} at it (and {@code nais.token.providers.<name>.issuer} at its
 * issuers, so tokens of every provider are routed as on NAIS), runs the application's own {@code main} unchanged,
 * and prints demo tokens with ready {@code curl} lines once it is up. Meant for a {@code main} in the
 * application's test sources, so nothing of the fake reaches its jar:
 * <pre class="code">
 * class LocalMyApplication {
 *     public static void main(String[] args) {
 *         NaisTokenLocalRun.of(MyApplication::main)
 *             .demo("a reader", "GET /api/cases", 200, (token) -&gt; token.groups(READERS_GROUP_ID))
 *             .run(args);
 *     }
 * }
 * </pre>
 * Run it with {@code ./mvnw spring-boot:test-run} or {@code ./gradlew bootTestRun}. Every demo token is
 * valid for {@link #TOKEN_LIFETIME} and only for this run. The fake is a bean of the application
 * ({@code fakeTexas}) and closes with it.
 */
public final class NaisTokenLocalRun {

	/** How long the printed demo tokens are valid (unless a demo says otherwise, e.g. {@code expired()}). */
	public static final Duration TOKEN_LIFETIME = Duration.ofHours(8);

	private final ThrowingConsumer<String[]> main;

	private final List<Demo> demos = new ArrayList<>();

	private PrintStream out = System.out;

	private NaisTokenLocalRun(ThrowingConsumer<String[]> main) {
		this.main = main;
	}

	/**
	 * A local run of an application.
	 * @param main the application's {@code main} method, e.g. {@code MyApplication::main}
	 * @return the local run, to add demos to and {@link #run(String...)}
	 */
	public static NaisTokenLocalRun of(ThrowingConsumer<String[]> main) {
		return new NaisTokenLocalRun(main);
	}

	/**
	 * Prints a demo token and its curl line.
	 * @param who who the token stands for, e.g. {@code "a reader (group readers)"}
	 * @param request the method and path, e.g. {@code "GET /api/cases"}
	 * @param status the status the request gets, printed beside it
	 * @param token what the token holds, from a realistic user token ({@link FakeTexas#token()}),
	 * e.g. {@code (token) -> token.groups(id)}
	 * @return this local run
	 */
	public NaisTokenLocalRun demo(String who, String request, int status, UnaryOperator<TokenBuilder> token) {
		return demo(who, request, status, FakeTexas.Provider.ENTRA_ID, token);
	}

	/**
	 * Prints a demo token of another identity provider and its curl line.
	 * @param who who the token stands for, e.g. {@code "a citizen (TokenX, level high)"}
	 * @param request the method and path, e.g. {@code "GET /api/citizen/cases"}
	 * @param status the status the request gets, printed beside it
	 * @param provider the provider whose token it is
	 * @param token what the token holds, from that provider's realistic defaults (see {@link TokenBuilder}),
	 * e.g. {@code (token) -> token.pid("12345678910")}
	 * @return this local run
	 */
	public NaisTokenLocalRun demo(String who, String request, int status, FakeTexas.Provider provider,
			UnaryOperator<TokenBuilder> token) {
		this.demos.add(new Demo(who, request, status, provider, token));
		return this;
	}

	/**
	 * Prints a curl line without a token, e.g. a public path or one that must answer 401.
	 * @param who what the line shows, e.g. {@code "no token"}
	 * @param request the method and path, e.g. {@code "GET /actuator/health"}
	 * @param status the status the request gets
	 * @return this local run
	 */
	public NaisTokenLocalRun withoutToken(String who, String request, int status) {
		this.demos.add(new Demo(who, request, status, FakeTexas.Provider.ENTRA_ID, null));
		return this;
	}

	/**
	 * Where the demo lines go; {@code System.out} by default.
	 * @param out the stream
	 * @return this local run
	 */
	public NaisTokenLocalRun printTo(PrintStream out) {
		this.out = out;
		return this;
	}

	/**
	 * Starts the fake endpoint and the application, and prints the demo lines once it is ready. Without
	 * demos it prints a user token and an app-to-app token for {@code GET /}.
	 * @param args the application's arguments, e.g. {@code --server.port=8081}
	 * @return the running application
	 * @throws IllegalStateException when the application's {@code main} returns without starting one
	 */
	public ConfigurableApplicationContext run(String... args) {
		FakeTexas texas = FakeTexas.start();
		LocalMode localMode = new LocalMode(texas, this.demos.isEmpty() ? defaultDemos() : List.copyOf(this.demos),
				this.out);
		try {
			SpringApplication.withHook((application) -> localMode, () -> this.main.accept(args));
		}
		catch (RuntimeException ex) {
			texas.close();
			throw ex;
		}
		if (localMode.context == null) {
			texas.close();
			throw new IllegalStateException("The application's main method returned without starting an application");
		}
		return localMode.context;
	}

	private static List<Demo> defaultDemos() {
		return List.of(new Demo("a user", "GET /", 0, FakeTexas.Provider.ENTRA_ID, UnaryOperator.identity()),
				new Demo("an app-to-app caller", "GET /", 0, FakeTexas.Provider.ENTRA_ID, TokenBuilder::app));
	}

	/** One printed example; status 0 prints none. */
	private record Demo(String who, String request, int status, FakeTexas.Provider provider,
			@Nullable UnaryOperator<TokenBuilder> token) {

		String text(FakeTexas texas, String baseUrl) {
			String[] methodAndPath = this.request.trim().split("\\s+", 2);
			String method = methodAndPath[0];
			String path = (methodAndPath.length > 1) ? methodAndPath[1] : "/";
			StringBuilder text = new StringBuilder("# ").append(this.who);
			if (this.status != 0) {
				text.append(" -> ").append(this.status);
			}
			text.append("\ncurl -i ");
			if (!"GET".equals(method)) {
				text.append("-X ").append(method).append(' ');
			}
			if (this.token != null) {
				String token = this.token.apply(texas.token(this.provider).expiresIn(TOKEN_LIFETIME)).issue();
				text.append("-H \"Authorization: Bearer ").append(token).append("\" ");
			}
			return text.append(baseUrl).append(path).append('\n').toString();
		}

	}

	/**
	 * Hooks the fake endpoint into the application's start-up: its URL as the endpoint property, the
	 * fake as a bean the context closes, and the demo lines once the application is ready.
	 */
	private static final class LocalMode implements SpringApplicationRunListener {

		private final FakeTexas texas;

		private final List<Demo> demos;

		private final PrintStream out;

		private @Nullable ConfigurableApplicationContext context;

		LocalMode(FakeTexas texas, List<Demo> demos, PrintStream out) {
			this.texas = texas;
			this.demos = demos;
			this.out = out;
		}

		@Override
		public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
				ConfigurableEnvironment environment) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("naisTokenLocalRun", FakeTexasContextCustomizerFactory.properties(this.texas)));
		}

		@Override
		public void contextPrepared(ConfigurableApplicationContext context) {
			((BeanDefinitionRegistry) context.getBeanFactory()).registerBeanDefinition("fakeTexas",
					new RootBeanDefinition(FakeTexas.class, () -> this.texas));
		}

		@Override
		public void ready(ConfigurableApplicationContext context, Duration timeTaken) {
			this.context = context;
			String baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port", "8080");
			StringBuilder text = new StringBuilder(4096).append('\n')
				.append("=".repeat(100))
				.append("\nLOCAL MODE: tokens are checked by a fake introspection endpoint at ")
				.append(this.texas.endpoint())
				.append("\nDemo tokens (only for this run). Each line: who, the status it gets, the curl.\n");
			for (Demo demo : this.demos) {
				text.append('\n').append(demo.text(this.texas, baseUrl));
			}
			text.append("\nStop with Ctrl+C.\n").append("=".repeat(100)).append('\n');
			this.out.print(text);
			this.out.flush();
		}

		@Override
		public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
			this.texas.close();
		}

	}

}
