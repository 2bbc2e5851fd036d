package dev.naistoken.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Names the fix when {@code nais.token.introspection.endpoint} cannot even be read as a URI (most
 * often a URL written without its scheme, {@code 127.0.0.1:7164/api/v1/introspect}): Spring Boot's own
 * report of a failed conversion names the property but not what to write instead. Ordered before it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class EndpointBindFailureAnalyzer implements FailureAnalyzer {

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindException bind
					&& NaisTokenPropertyChecks.ENDPOINT.equals(bind.getName().toString())) {
				ConfigurationProperty property = bind.getProperty();
				Object value = (property != null) ? property.getValue() : null;
				return new FailureAnalysis(
						"Property '" + NaisTokenPropertyChecks.ENDPOINT + "' is not a URL"
								+ ((value != null) ? " ('" + value + "')" : "") + ".",
						"Set it to the endpoint's whole URL, scheme and path included, such as "
								+ NaisTokenPropertyChecks.EXAMPLE_ENDPOINT + ". On NAIS the platform sets it in "
								+ "NAIS_TOKEN_INTROSPECTION_ENDPOINT; remove any value of your own there.",
						bind);
			}
		}
		return null;
	}

}
