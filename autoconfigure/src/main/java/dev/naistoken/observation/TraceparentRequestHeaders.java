package dev.naistoken.observation;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import dev.naistoken.introspection.IntrospectionRequestHeaders;

/**
 * The current span's context, as the application's tracer propagates it (W3C {@code traceparent} by
 * default), on each request to the introspection endpoint: the endpoint reads it, so its span joins
 * the request's trace. Nothing when no span is current.
 *
 * @since 0.1.0
 */
public final class TraceparentRequestHeaders implements IntrospectionRequestHeaders {

	private final Tracer tracer;

	private final Propagator propagator;

	/**
	 * Creates the headers of the application's tracer.
	 * @param tracer the tracer whose current span is sent
	 * @param propagator how the tracer writes a span's context into headers
	 */
	public TraceparentRequestHeaders(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	@Override
	public Map<String, String> current() {
		Span span = this.tracer.currentSpan();
		if (span == null) {
			return Map.of();
		}
		Map<String, String> headers = new LinkedHashMap<>(4);
		this.propagator.inject(span.context(), headers, Map::put);
		return headers;
	}

}
