package dev.naistoken.introspection;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of each introspection; define a bean of this type to replace
 * {@link DefaultNaisTokenIntrospectionObservationConvention}.
 *
 * @since 0.1.0
 */
public interface NaisTokenIntrospectionObservationConvention
		extends ObservationConvention<NaisTokenIntrospectionContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof NaisTokenIntrospectionContext;
	}

}
