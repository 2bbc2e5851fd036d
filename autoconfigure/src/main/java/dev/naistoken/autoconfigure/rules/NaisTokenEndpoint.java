package dev.naistoken.autoconfigure.rules;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import dev.naistoken.rules.AccessReport;
import dev.naistoken.rules.AccessReports;

/**
 * Actuator endpoint {@code naistoken}: the application's {@link AccessReport}, who may call what, with
 * the accepted providers, the group aliases and the cache's counts. No token data. Like Spring Boot's
 * other sensitive endpoints it is served only when the application exposes it
 * ({@code management.endpoints.web.exposure.include=naistoken}), and the starter's chain wants a valid
 * token for it.
 *
 * @since 0.1.0
 */
@Endpoint(id = "naistoken")
public class NaisTokenEndpoint {

	private final AccessReports reports;

	/**
	 * Creates the endpoint.
	 * @param reports where the report comes from
	 */
	public NaisTokenEndpoint(AccessReports reports) {
		this.reports = reports;
	}

	/**
	 * The report as of now.
	 * @return the report
	 */
	@ReadOperation
	public AccessReport report() {
		return this.reports.report();
	}

}
