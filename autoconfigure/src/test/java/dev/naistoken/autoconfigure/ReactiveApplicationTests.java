package dev.naistoken.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Until the starter supports WebFlux, a reactive application with it must not start: it would answer
 * every request with Spring Boot's default {@code 401 Basic realm}, whatever the token, even with the
 * endpoint down.
 */
class ReactiveApplicationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class))
		.withPropertyValues("nais.token.introspection.endpoint=http://127.0.0.1:7164/api/v1/introspect");

	@Test
	void aReactiveApplicationFailsStartUpSayingTheStarterIsForServletApplications() {
		this.runner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new NaisTokenConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("reactive (WebFlux)").contains("servlet");
			assertThat(analysis.getAction()).contains("spring-boot-starter-webmvc").contains("nais.token.enabled=false");
		});
	}

	/** As with {@code spring.main.lazy-initialization=true}, which SpringApplication applies this way. */
	@Test
	void evenWithLazyInitializationItFailsStartUp() {
		this.runner
			.withInitializer((context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void aReactiveApplicationThatTurnedTheStarterOffStarts() {
		this.runner.withPropertyValues("nais.token.enabled=false").run((context) -> assertThat(context).hasNotFailed());
	}

}
