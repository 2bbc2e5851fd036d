package dev.naistoken.autoconfigure.health;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.naistoken.autoconfigure.NaisTokenAutoConfiguration;
import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectionEndpointClient;
import dev.naistoken.introspection.IntrospectionResult;
import dev.naistoken.test.FakeTexas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the {@code naisToken} health indicator exists, and what it says about the endpoint behind it.
 */
class NaisTokenHealthAutoConfigurationTests {

	private final FakeTexas endpoint = FakeTexas.start();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class,
				NaisTokenHealthAutoConfiguration.class))
		.withPropertyValues("nais.token.introspection.endpoint=" + this.endpoint.endpoint());

	NaisTokenHealthAutoConfigurationTests() throws IOException {
	}

	@AfterEach
	void stop() {
		this.endpoint.close();
	}

	@Test
	void offByDefault() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(HealthIndicator.class));
	}

	@Test
	void theOldSwitchNoLongerTurnsItOn() {
		this.runner.withPropertyValues("nais.token.health.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(HealthIndicator.class));
	}

	@Test
	void asksThroughTheEndpointClientBean() {
		this.runner.withPropertyValues("management.health.naistoken.enabled=true")
			.withBean(IntrospectionEndpointClient.class, () -> new IntrospectionEndpointClient(null, null) {
				@Override
				public IntrospectionResult introspect(IdentityProvider provider, String token) {
					return new IntrospectionResult.Unavailable("the application's own client");
				}
			})
			.run((context) -> assertThat(
					context.getBean("naisTokenHealthIndicator", HealthIndicator.class).health().getDetails())
				.containsEntry("error", "the application's own client"));
	}

	@Test
	void offWithTheStarter() {
		this.runner.withPropertyValues("management.health.naistoken.enabled=true", "nais.token.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HealthIndicator.class));
	}

	@Test
	void absentWithoutSpringBootsHealthModule() {
		this.runner.withPropertyValues("management.health.naistoken.enabled=true")
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("naisTokenHealthIndicator"));
	}

	@Test
	void upWhenTheEndpointAnswersTheDummyTokenAsItsContractSays() {
		this.runner.withPropertyValues("management.health.naistoken.enabled=true").run((context) -> {
			Health health = context.getBean("naisTokenHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("identityProvider", "azuread");
			assertThat(this.endpoint.calls()).isEqualTo(1);
		});
	}

	@Test
	void downWithTheCauseWhenTheEndpointIsUnreachable() throws IOException {
		this.runner
			.withPropertyValues("management.health.naistoken.enabled=true",
					"nais.token.introspection.endpoint=" + FakeTexas.unreachableEndpoint())
			.run((context) -> {
				Health health = context.getBean("naisTokenHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("error",
						"the introspection endpoint refused the connection");
			});
	}

	@Test
	void downWhenTheEndpointAnswersOutsideItsContract() {
		this.endpoint.answer("nais-token-health-probe", 502, "bad gateway");
		this.runner.withPropertyValues("management.health.naistoken.enabled=true").run((context) -> {
			Health health = context.getBean("naisTokenHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("error", "the introspection endpoint answered HTTP 502");
		});
	}

	@Test
	void downNamingTheManifestFieldWhenTheProviderIsNotEnabled() {
		this.endpoint.answer("nais-token-health-probe", 200,
				"{\"active\":false,\"error\":\"identity provider 'idporten' is not enabled\"}");
		this.runner
			.withPropertyValues("management.health.naistoken.enabled=true", "nais.token.introspection.identity-provider=idporten")
			.run((context) -> {
				Health health = context.getBean("naisTokenHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails().get("error").toString()).contains("spec.idporten.enabled: true");
			});
	}

	@Test
	void downNamingTheFixWhenTheEndpointWantsCredentials() {
		assertThat(errorWhenTheProbeGets(401,
				"{\"error\":\"invalid_client\",\"error_description\":\"The client authentication was invalid\"}"))
			.contains("answered HTTP 401")
			.contains("nais.token.introspection.endpoint")
			.contains("/api/v1/introspect")
			.doesNotContain("nais-token-health-probe");
	}

	@Test
	void downWhenTheEndpointCannotReadTheIdentityProvidersSigningKeys() {
		assertThat(errorWhenTheProbeGets(200,
				"{\"active\":false,\"error\":\"decode json: error decoding response body\"}"))
			.contains("signing keys");
	}

	@Test
	void aWrongEndpointFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("management.health.naistoken.enabled=true", "nais.token.introspection.endpoint=nowhere")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("nais.token.introspection.endpoint"));
	}

	/** The health indicator's {@code error} when the endpoint answers the probe so; it must be DOWN. */
	private String errorWhenTheProbeGets(int status, String body) {
		this.endpoint.answer("nais-token-health-probe", status, body);
		String[] error = new String[1];
		this.runner.withPropertyValues("management.health.naistoken.enabled=true").run((context) -> {
			Health health = context.getBean("naisTokenHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			error[0] = String.valueOf(health.getDetails().get("error"));
		});
		return error[0];
	}

}
