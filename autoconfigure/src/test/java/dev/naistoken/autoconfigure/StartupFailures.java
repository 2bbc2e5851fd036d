package dev.naistoken.autoconfigure;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring Boot prints for a start-up failure of the starter: the NAIS failure analysis for a
 * missing endpoint, and Boot's own for a value refused at binding (its description holds the reason,
 * with the fix; its action is generic).
 */
final class StartupFailures {

	private StartupFailures() {
	}

	static FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof NaisTokenConfigurationException) {
				FailureAnalysis analysis = new NaisTokenConfigurationFailureAnalyzer().analyze(failure);
				assertThat(analysis).isNotNull();
				return analysis;
			}
			if (cause instanceof InvalidConfigurationPropertyValueException invalid) {
				// As Spring Boot's InvalidConfigurationPropertyValueFailureAnalyzer words it.
				return new FailureAnalysis("Invalid value '" + invalid.getValue() + "' for configuration property '"
						+ invalid.getName() + "'.\n\nValidation failed for the following reason:\n\n"
						+ invalid.getReason(), "Review the value of the property with the provided reason.", invalid);
			}
		}
		throw new AssertionError("no start-up failure of the starter in " + failure, failure);
	}

}
