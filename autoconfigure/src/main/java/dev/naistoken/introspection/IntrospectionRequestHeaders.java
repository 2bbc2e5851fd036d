package dev.naistoken.introspection;

import java.util.Map;

/**
 * Headers added to each request to the endpoint, read on the calling thread just before it is sent:
 * with Micrometer Tracing, the current span's W3C {@code traceparent}, so the endpoint's span joins the
 * request's trace. Never the token.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IntrospectionRequestHeaders {

	/** No headers. */
	IntrospectionRequestHeaders NONE = Map::of;

	/**
	 * The headers for a request sent now.
	 * @return name to value; empty for none
	 */
	Map<String, String> current();

}
