package dev.naistoken.sample;

import java.io.PrintStream;

import org.springframework.context.ConfigurableApplicationContext;

import dev.naistoken.test.AccessReportPrinter;
import dev.naistoken.test.FakeTexas;
import dev.naistoken.test.NaisTokenLocalRun;
import dev.naistoken.test.TokenBuilder;

/**
 * The sample on a laptop, no NAIS and no Docker: {@link NaisTokenLocalRun} starts a fake introspection
 * endpoint, points the starter at it, runs {@link SampleApplication} unchanged, and prints demo tokens
 * with ready curl lines, then who may call what (the access report). In the test sources, so nothing of
 * it reaches the application's jar. Run it from the repository's root:
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
		ConfigurableApplicationContext context = NaisTokenLocalRun.of(SampleApplication::main)
			.demo("a reader (group readers)", "GET /api/cases", 200, (token) -> token.groups(READERS))
			.demo("an admin (group admins)", "POST /api/cases/CASE-2/close", 200,
					(token) -> token.groups(ADMINS).navIdent("Z990002"))
			.demo("a user in no group", "GET /api/cases", 403, (token) -> token)
			.demo("the same user, own cases (scope defaultaccess)", "GET /api/cases/assigned-to-me", 200,
					(token) -> token)
			.demo("an app-to-app caller (role access_as_application)", "GET /api/internal/statistics", 200,
					(token) -> token.app())
			.demo("a citizen through the citizen frontend (TokenX, level high): own cases", "GET /api/citizen/cases",
					200, FakeTexas.Provider.TOKENX, (token) -> token)
			.demo("the same citizen, logged in at level substantial", "GET /api/citizen/cases", 403,
					FakeTexas.Provider.TOKENX, (token) -> token.level(TokenBuilder.Level.SUBSTANTIAL))
			.demo("an organisation (Maskinporten, scope nav:sample/cases.read)", "GET /api/partner/cases/CASE-1/status",
					200, FakeTexas.Provider.MASKINPORTEN, (token) -> token.scopes("nav:sample/cases.read"))
			.demo("an organisation without that scope", "GET /api/partner/cases/CASE-1/status", 403,
					FakeTexas.Provider.MASKINPORTEN, (token) -> token.scopes("nav:sample/other.read"))
			.demo("an expired token", "GET /api/me", 401, (token) -> token.groups(ADMINS).expired())
			.withoutToken("no token", "GET /api/me", 401)
			.withoutToken("public health probe, no token", "GET /actuator/health", 200)
			.printTo(out)
			.run(args);
		// Who may call what, as the running application enforces it.
		AccessReportPrinter.print(context, out);
		return context;
	}

}
