package dev.naistoken.soak;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;

import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.FakeTexas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak in small: a few thousand mixed requests while the endpoint flips phase every 150 ms. The
 * full run (at least 100k requests, every second) is {@link SoakRunTests}.
 */
@SpringBootTest(classes = SoakApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "nais.token.groups.admins=" + SoakApplication.ADMINS,
				"nais.token.introspection.connect-timeout=200ms", "nais.token.introspection.read-timeout=300ms",
				"logging.level.dev.naistoken.introspection=ERROR" })
@AutoConfigureFakeTexas
class SoakSmokeTests {

	@Autowired
	FakeTexas texas;

	@Autowired
	ApplicationContext context;

	@Test
	void noWrongDecisionWhileTheEndpointFlaps() throws InterruptedException {
		Soak.Settings settings = new Soak.Settings(2500, Duration.ofSeconds(15), 8, Duration.ofMillis(150),
				Duration.ofMillis(500), 42);
		Soak.Result result = new Soak(this.context, this.texas, settings).run();
		System.out.println(result.report());
		assertThat(result.wrongDecisions()).as(result.report()).isZero();
		assertThat(result.clientErrors()).as(result.report()).isZero();
		assertThat(result.phaseRequests()).as("every phase met requests").allSatisfy((phase, count) -> assertThat(count).isPositive());
		assertThat(result.count(200)).isPositive();
		assertThat(result.count(403)).isPositive();
		assertThat(result.count(401)).isPositive();
		assertThat(result.count(503)).isPositive();
	}

}
