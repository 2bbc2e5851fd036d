package dev.naistoken.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a wrong {@code nais.token.*} setting as Spring Boot prints its own: what is wrong, then what
 * to do (each once), without the stack trace a user would otherwise dig through.
 */
class NaisTokenConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<NaisTokenConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NaisTokenConfigurationException cause) {
		return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
	}

}
