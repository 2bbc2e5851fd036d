package dev.naistoken.introspection;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations the starter makes. Every tag has a fixed set of values, and nothing in a name, tag
 * or span comes from the token or its claims. Failures other than an inactive token are also recorded
 * as the observation's error, which Micrometer's timer adds as an {@code error} tag holding the
 * exception's class name.
 *
 * @since 0.1.0
 */
public enum NaisTokenIntrospectionObservation implements ObservationDocumentation {

	/** One introspection, answered by the cache or the endpoint. */
	INTROSPECTION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultNaisTokenIntrospectionObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

	};

	/** The tags of every introspection. */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * {@code active}, {@code inactive} (401), {@code unavailable} (503: the endpoint could not say, or
		 * any other failure), {@code misconfigured} (500).
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * {@code hit} when a stored entry answered, {@code miss} otherwise (the endpoint was asked, or a
		 * concurrent request for the same token was waited for; always so without the cache).
		 */
		CACHE {
			@Override
			public String asString() {
				return "cache";
			}
		}

	}

}
