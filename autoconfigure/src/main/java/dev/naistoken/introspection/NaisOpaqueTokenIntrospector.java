package dev.naistoken.introspection;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.logging.RateLimitedLog;

/**
 * Asks the NAIS introspection endpoint about each token, and says what its answer means in Spring
 * Security's terms: an active token is a principal; an inactive one a {@link BadOpaqueTokenException}
 * (401 {@code invalid_token}); an endpoint that cannot answer an {@link IntrospectionUnavailableException}
 * (503); a refused request an {@link IntrospectionMisconfiguredException} (500).
 * <p>
 * Inactive reasons are logged at DEBUG, unavailability at WARN, misconfiguration at ERROR; the token and
 * its claims never are. WARN and ERROR lines go through a {@link RateLimitedLog}: a dead endpoint under
 * load writes one line per cause per minute, with the count of repeats, instead of one per request.
 */
public final class NaisOpaqueTokenIntrospector implements OpaqueTokenIntrospector {

	private static final Log logger = LogFactory.getLog(NaisOpaqueTokenIntrospector.class);

	static final String GENERIC_INACTIVE_DESCRIPTION = "The access token is not valid";

	private final RateLimitedLog problems = new RateLimitedLog(logger);

	private final IntrospectionClient client;

	private final IntrospectionResponseReader reader = new IntrospectionResponseReader();

	private final IdentityProvider provider;

	private final boolean exposeInactiveReason;

	/**
	 * Creates an introspector.
	 * @param client the HTTP call
	 * @param provider the identity provider every token is sent for
	 * @param exposeInactiveReason whether the endpoint's reason goes into {@code error_description}
	 */
	public NaisOpaqueTokenIntrospector(IntrospectionClient client, IdentityProvider provider,
			boolean exposeInactiveReason) {
		this.client = client;
		this.provider = provider;
		this.exposeInactiveReason = exposeInactiveReason;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		IntrospectionClient.Response response;
		try {
			response = this.client.post(this.provider, token);
		}
		catch (IntrospectionUnavailableException ex) {
			this.problems.warn("Token introspection unavailable, answering 503: " + ex.getMessage());
			throw ex;
		}
		IntrospectionResult result = this.reader.read(response.status(), response.body(), this.provider);
		if (result instanceof IntrospectionResult.Active active) {
			return active.principal();
		}
		if (result instanceof IntrospectionResult.Inactive inactive) {
			String reason = SafeText.of(inactive.reason());
			if (logger.isDebugEnabled()) {
				logger.debug("Token inactive: " + ((reason != null) ? reason : "(no reason given)"));
			}
			throw new BadOpaqueTokenException(
					(this.exposeInactiveReason && reason != null) ? reason : GENERIC_INACTIVE_DESCRIPTION);
		}
		if (result instanceof IntrospectionResult.Misconfigured misconfigured) {
			this.problems.error("Token introspection misconfigured, answering 500: " + misconfigured.problem());
			throw new IntrospectionMisconfiguredException(misconfigured.problem());
		}
		String cause = ((IntrospectionResult.Unavailable) result).cause();
		this.problems.warn("Token introspection unavailable, answering 503: " + cause);
		throw new IntrospectionUnavailableException(cause);
	}

}
