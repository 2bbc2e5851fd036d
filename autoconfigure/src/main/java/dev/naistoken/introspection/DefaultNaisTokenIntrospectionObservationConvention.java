package dev.naistoken.introspection;

import io.micrometer.common.KeyValues;

/**
 * The starter's names and tags for {@link NaisTokenIntrospectionObservation#INTROSPECTION}: the
 * {@code outcome} and {@code cache} tags, set only when the introspection has ended, since Micrometer
 * tags the in-flight ({@code <name>.active}) meter with what is known at the start, and an outcome
 * guessed there would be wrong on every dashboard.
 *
 * @since 0.1.0
 */
public class DefaultNaisTokenIntrospectionObservationConvention implements NaisTokenIntrospectionObservationConvention {

	/** The observation's name, and so the timer's. */
	public static final String NAME = "nais.token.introspection";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(NaisTokenIntrospectionContext context) {
		return "nais-token introspection";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(NaisTokenIntrospectionContext context) {
		String outcome = context.getOutcome();
		if (outcome == null) {
			return KeyValues.empty();
		}
		return KeyValues.of(NaisTokenIntrospectionObservation.LowCardinalityKeyNames.OUTCOME.withValue(outcome),
				NaisTokenIntrospectionObservation.LowCardinalityKeyNames.CACHE
					.withValue(context.isCacheHit() ? "hit" : "miss"));
	}

}
