package dev.naistoken.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's resolver, with one answer changed: an {@code Authorization: Bearer} header whose
 * value is not a token (spaces, characters outside RFC 6750's {@code b64token}, nothing at all) is a
 * malformed request, so it is refused as {@code invalid_request} with 401 before anything is sent to
 * the endpoint. Spring Security 7 calls it {@code invalid_token}, which tells a client its token went
 * bad when it never sent one. Tokens in the query string or a form body stay refused.
 */
class MalformedRequestBearerTokenResolver implements BearerTokenResolver {

	private static final BearerTokenError MALFORMED = malformed("The Authorization header does not hold a bearer token");

	private final BearerTokenResolver delegate = new DefaultBearerTokenResolver();

	/**
	 * The starter's answer to a malformed {@code Authorization} header: 401 {@code invalid_request}.
	 * @param description what is wrong with it, for {@code error_description}
	 * @return the error
	 */
	static BearerTokenError malformed(String description) {
		return new BearerTokenError(BearerTokenErrorCodes.INVALID_REQUEST, HttpStatus.UNAUTHORIZED, description,
				"https://tools.ietf.org/html/rfc6750#section-3.1");
	}

	@Override
	public String resolve(HttpServletRequest request) {
		try {
			return this.delegate.resolve(request);
		}
		catch (OAuth2AuthenticationException ex) {
			if (BearerTokenErrorCodes.INVALID_TOKEN.equals(ex.getError().getErrorCode())) {
				throw new OAuth2AuthenticationException(MALFORMED, MALFORMED.getDescription(), ex);
			}
			throw ex;
		}
	}

}
