package dev.naistoken.introspection;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import dev.naistoken.logging.RateLimitedLog;

/**
 * What an {@link IntrospectionResult} means in Spring Security's terms, and what is logged about it,
 * for both introspectors: an active token's claims; an inactive one a {@link BadOpaqueTokenException}
 * (401 {@code invalid_token}), its reason at DEBUG; an endpoint that cannot answer an
 * {@link IntrospectionUnavailableException} (503), at WARN; a refused request an
 * {@link IntrospectionMisconfiguredException} (500), at ERROR. WARN and ERROR lines go through a
 * {@link RateLimitedLog}. Also names the observation's outcome for a failure.
 */
final class IntrospectionMeaning {

	static final String GENERIC_INACTIVE_DESCRIPTION = "The access token is not valid";

	private final Log logger;

	private final RateLimitedLog problems;

	private final boolean exposeInactiveReason;

	IntrospectionMeaning(Log logger, boolean exposeInactiveReason) {
		this.logger = logger;
		this.problems = new RateLimitedLog(logger);
		this.exposeInactiveReason = exposeInactiveReason;
	}

	/**
	 * The claims of an active token; throws for anything else.
	 */
	Map<String, Object> claims(IntrospectionResult result) {
		if (result instanceof IntrospectionResult.Active active) {
			return active.claims();
		}
		throw failure(result);
	}

	private RuntimeException failure(IntrospectionResult result) {
		if (result instanceof IntrospectionResult.Inactive inactive) {
			String reason = SafeText.of(inactive.reason());
			if (this.logger.isDebugEnabled()) {
				this.logger.debug("Token inactive: " + ((reason != null) ? reason : "(no reason given)"));
			}
			return new BadOpaqueTokenException(
					(this.exposeInactiveReason && reason != null) ? reason : GENERIC_INACTIVE_DESCRIPTION);
		}
		if (result instanceof IntrospectionResult.Misconfigured misconfigured) {
			this.problems.error("Token introspection misconfigured, answering 500: " + misconfigured.problem());
			return new IntrospectionMisconfiguredException(misconfigured.problem());
		}
		String cause = ((IntrospectionResult.Unavailable) result).cause();
		this.problems.warn("Token introspection unavailable, answering 503: " + cause);
		return new IntrospectionUnavailableException(cause);
	}

	/**
	 * The observation's outcome for a failed introspection.
	 */
	static String outcome(Throwable failure) {
		if (failure instanceof BadOpaqueTokenException) {
			return "inactive";
		}
		return (failure instanceof IntrospectionMisconfiguredException) ? "misconfigured" : "unavailable";
	}

	/**
	 * Whether the observation records the failure as an error: an inactive token is an answer, not an
	 * error.
	 */
	static boolean isError(@Nullable Throwable failure) {
		return failure != null && !(failure instanceof BadOpaqueTokenException);
	}

}
