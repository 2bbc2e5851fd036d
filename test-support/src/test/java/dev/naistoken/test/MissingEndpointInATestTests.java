package dev.naistoken.test;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTestContextBootstrapper;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate;
import org.springframework.test.context.cache.DefaultContextCache;
import org.springframework.test.context.support.DefaultBootstrapContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A test that forgot {@link AutoConfigureFakeTexas} has no endpoint: the start-up failure Spring Boot
 * prints points at the annotation, not at turning the starter off. The test class is run by Spring's
 * TestContext framework exactly as JUnit would run it.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingEndpointInATestTests {

	@Test
	void theFailurePointsAtTheTestAnnotation(CapturedOutput output) {
		// A context cache of its own: Spring's shared one remembers a context that failed and, asked again,
		// fails at once without starting it, so a second run of this test would see no report.
		SpringBootTestContextBootstrapper bootstrapper = new SpringBootTestContextBootstrapper();
		bootstrapper.setBootstrapContext(new DefaultBootstrapContext(ForgotTheFake.class,
				new DefaultCacheAwareContextLoaderDelegate(new DefaultContextCache())));
		TestContextManager manager = new TestContextManager(bootstrapper);
		assertThatIllegalStateException().isThrownBy(() -> manager.getTestContext().getApplicationContext());
		String printed = output.getOut();
		assertThat(printed).contains("APPLICATION FAILED TO START");
		String report = printed.substring(printed.lastIndexOf("Description:"));
		String description = report.substring("Description:".length(), report.indexOf("Action:")).strip();
		String action = report.substring(report.indexOf("Action:") + "Action:".length()).strip().lines()
			.takeWhile((line) -> !line.isBlank())
			.reduce("", (a, b) -> a + " " + b)
			.strip();
		assertThat(description).contains("nais.token.introspection.endpoint").contains("is not set");
		assertThat(action).contains("@AutoConfigureFakeTexas").doesNotContain("nais.token.enabled=false");
		assertThat(sentences(description)).doesNotContainAnyElementsOf(sentences(action));
	}

	/** The test kit on the classpath alone (a local main in test sources, say) is not a test. */
	@Test
	void outsideATestContextTheFailureKeepsTheProductionAdvice(CapturedOutput output) {
		assertThatException().isThrownBy(
				() -> new SpringApplicationBuilder(KitTestApplication.class).web(WebApplicationType.NONE).run());
		String printed = output.getOut();
		String action = printed.substring(printed.lastIndexOf("Action:"));
		assertThat(action).contains("nais.token.enabled=false").doesNotContain("AutoConfigureFakeTexas");
	}

	private static List<String> sentences(String text) {
		return Arrays.stream(text.split("(?<=[.:;])\\s+")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

	/** Not run by JUnit itself (no test methods): the test class a user forgot to annotate. */
	@SpringBootTest(classes = KitTestApplication.class)
	static class ForgotTheFake {

	}

}
