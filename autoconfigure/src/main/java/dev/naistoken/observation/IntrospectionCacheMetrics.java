package dev.naistoken.observation;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.introspection.CachingOpaqueTokenIntrospector;

/**
 * A gauge {@value #SIZE} of the tokens the introspection cache holds, so a dashboard shows how close it
 * runs to {@code nais.token.introspection.cache.max-size}. Nothing is bound when the cache is off or
 * the application defines its own introspector.
 */
public final class IntrospectionCacheMetrics implements MeterBinder {

	/** The gauge's name. */
	public static final String SIZE = "nais.token.introspection.cache.size";

	private final Supplier<@Nullable OpaqueTokenIntrospector> introspector;

	/**
	 * Creates the metrics for the introspector the supplier gives when they are bound.
	 * @param introspector the application's introspector, looked up late so that binding does not
	 * create it early; {@code null} when there is none, or more than one
	 */
	public IntrospectionCacheMetrics(Supplier<@Nullable OpaqueTokenIntrospector> introspector) {
		this.introspector = introspector;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		CachingOpaqueTokenIntrospector cache = cacheIn(this.introspector.get());
		if (cache != null) {
			Gauge.builder(SIZE, cache, CachingOpaqueTokenIntrospector::size)
				.description("Tokens held in the introspection cache, expired ones until they are swept")
				.register(registry);
		}
	}

	private static @Nullable CachingOpaqueTokenIntrospector cacheIn(@Nullable OpaqueTokenIntrospector introspector) {
		OpaqueTokenIntrospector candidate = introspector;
		while (candidate instanceof ObservedOpaqueTokenIntrospector observed) {
			candidate = observed.getDelegate();
		}
		return (candidate instanceof CachingOpaqueTokenIntrospector cache) ? cache : null;
	}

}
