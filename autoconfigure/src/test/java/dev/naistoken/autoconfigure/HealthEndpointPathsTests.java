package dev.naistoken.autoconfigure;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jakarta.servlet.Filter;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.naistoken.test.FakeTexas;

import static dev.naistoken.autoconfigure.HttpResponses.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * NAIS probes reach the health endpoint without a token wherever the Actuator serves it: whatever the
 * base path is written as, with a path mapping, and on a separate management port, while every other
 * path, on either port, still needs a token. Real Tomcat, the endpoint dead (the probes must not need it).
 */
class HealthEndpointPathsTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "management.endpoints.web.base-path=/, /health",
			"management.endpoints.web.base-path=/internal/, /internal/health",
			"management.endpoints.web.path-mapping.health=probe, /actuator/probe" })
	void probesAreOpenWhereTheActuatorServesThem(String setting, String health) throws IOException {
		try (ConfigurableApplicationContext context = start(setting)) {
			int port = port(context, "local.server.port");
			assertThat(get(port, health).statusCode()).isEqualTo(200);
			assertThat(get(port, health + "/liveness").statusCode()).isEqualTo(200);
			assertThat(get(port, health + "/readiness").statusCode()).isEqualTo(200);
			assertThat(get(port, "/api/hello").statusCode()).isEqualTo(401);
		}
	}

	@Test
	void probesAreOpenOnASeparateManagementPortAndTheApplicationsPortNeedsATokenEverywhere() throws IOException {
		try (ConfigurableApplicationContext context = start("management.server.port=0")) {
			int management = port(context, "local.management.port");
			int application = port(context, "local.server.port");
			assertThat(management).isNotEqualTo(application);
			assertThat(get(management, "/actuator/health/liveness").statusCode()).isEqualTo(200);
			assertThat(get(management, "/actuator/health").statusCode()).isEqualTo(200);
			assertThat(get(management, "/actuator/info").statusCode()).isEqualTo(401);
			assertThat(get(application, "/actuator/health/liveness").statusCode()).isEqualTo(401);
			assertThat(get(application, "/api/hello").statusCode()).isEqualTo(401);
		}
	}

	@Test
	void withoutTheActuatorOnlyTheErrorPageIsOpen() {
		new WebApplicationContextRunner().withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class, SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class))
			.withPropertyValues("nais.token.introspection.endpoint=http://127.0.0.1:7164/api/v1/introspect")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Filter security = context.getBean("springSecurityFilterChain", Filter.class);
				assertThat(status(security, "/error")).isEqualTo(200);
				assertThat(status(security, "/actuator/health")).isEqualTo(401);
			});
	}

	/** The status after the security filters; 200 when they let the request through. */
	private static int status(Filter security, String path) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		security.doFilter(new MockHttpServletRequest("GET", path), response, new MockFilterChain());
		return response.getStatus();
	}

	private static ConfigurableApplicationContext start(String setting) throws IOException {
		return new SpringApplicationBuilder(TestApi.class)
			.properties("server.port=0", "nais.token.introspection.endpoint=" + FakeTexas.unreachableEndpoint(),
					"management.endpoint.health.probes.enabled=true", "management.endpoints.web.exposure.include=*",
					"nais.token.groups.admins=" + TestApi.ADMINS_GROUP_ID,
					setting)
			.run();
	}

	private static int port(ConfigurableApplicationContext context, String property) {
		return context.getEnvironment().getRequiredProperty(property, Integer.class);
	}

}
