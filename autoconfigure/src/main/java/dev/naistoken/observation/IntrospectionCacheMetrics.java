package dev.naistoken.observation;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import dev.naistoken.introspection.cache.IntrospectionCache;

/**
 * A gauge {@value #SIZE} of the tokens the introspection cache bean holds, so a dashboard shows how
 * close it runs to {@code nais.token.introspection.cache.max-size}. Nothing is bound when the cache
 * is off.
 *
 * @since 0.1.0
 */
public final class IntrospectionCacheMetrics implements MeterBinder {

	/** The gauge's name. */
	public static final String SIZE = "nais.token.introspection.cache.size";

	private final Supplier<@Nullable IntrospectionCache> cache;

	/**
	 * Creates the metrics of the cache bean.
	 * @param cache the cache bean, looked up when the metrics are bound; {@code null} when there is none
	 */
	public IntrospectionCacheMetrics(Supplier<@Nullable IntrospectionCache> cache) {
		this.cache = cache;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		IntrospectionCache cache = this.cache.get();
		if (cache == null) {
			return;
		}
		Gauge.builder(SIZE, cache, IntrospectionCache::size)
			.description("Tokens held in the introspection cache, expired ones until they are swept")
			.register(registry);
	}

}
