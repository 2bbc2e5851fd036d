package dev.naistoken.autoconfigure.observation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.Tracing;
import brave.sampler.Sampler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.autoconfigure.NaisTokenAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Micrometer Tracing (a real Brave tracer, W3C propagation), the call to the endpoint carries the
 * current span's {@code traceparent}, so the endpoint's span joins the request's trace.
 */
class TraceparentTests {

	private static final Tracing tracing = Tracing.newBuilder()
		.propagationFactory(new W3CPropagation())
		.traceId128Bit(true)
		.sampler(Sampler.ALWAYS_SAMPLE)
		.build();

	private final List<String> traceparents = new CopyOnWriteArrayList<>();

	private final HttpServer endpoint = endpoint();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class,
				NaisTokenObservabilityAutoConfiguration.class))
		.withUserConfiguration(Tracers.class)
		.withPropertyValues("nais.token.introspection.endpoint=http://127.0.0.1:" + this.endpoint.getAddress().getPort()
				+ "/api/v1/introspect");

	TraceparentTests() throws IOException {
	}

	@AfterEach
	void stop() {
		this.endpoint.stop(0);
	}

	@Test
	void theEndpointGetsTheTraceOfTheRequest() {
		this.runner.run((context) -> {
			Tracer tracer = context.getBean(Tracer.class);
			Span request = tracer.nextSpan().name("request").start();
			try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
				context.getBean(OpaqueTokenIntrospector.class).introspect("a-token");
			}
			finally {
				request.end();
			}
			assertThat(this.traceparents).singleElement().satisfies((traceparent) -> {
				assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
				assertThat(traceparent.split("-")[1]).isEqualTo(request.context().traceId());
			});
		});
	}

	@Test
	void withoutATracerNoHeader() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class,
					NaisTokenObservabilityAutoConfiguration.class))
			.withPropertyValues("nais.token.introspection.endpoint=http://127.0.0.1:"
					+ this.endpoint.getAddress().getPort() + "/api/v1/introspect")
			.run((context) -> {
				context.getBean(OpaqueTokenIntrospector.class).introspect("a-token");
				assertThat(this.traceparents).containsExactly("(none)");
			});
	}

	private HttpServer endpoint() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/api/v1/introspect", (exchange) -> {
			String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
			this.traceparents.add((traceparent != null) ? traceparent : "(none)");
			byte[] body = "{\"active\":true,\"exp\":4102444800,\"sub\":\"s\"}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		return server;
	}

	@Configuration(proxyBeanMethods = false)
	static class Tracers {

		@Bean
		Tracer tracer() {
			return new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()),
					new BraveBaggageManager());
		}

		@Bean
		Propagator propagator() {
			return new BravePropagator(tracing);
		}

		@Bean
		ObservationRegistry observationRegistry(Tracer tracer) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
			return registry;
		}

	}

}
