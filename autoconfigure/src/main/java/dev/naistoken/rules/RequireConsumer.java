package dev.naistoken.rules;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Passes a token from any of the named calling applications, as {@code cluster:namespace:app} (Entra ID {@code azp_name}, TokenX {@code client_id}).
 * <pre class="code">
 * &#64;RequireConsumer("dev-gcp:team-a:batch") void importCases() { ... }
 * </pre>
 * On a method or a class (then for each of its methods that has no rule of its own: Spring Security
 * takes a method's rule over its class's, and refuses two rules on one method, which the start-up check
 * reports). Any one of the values passes; for all of several, use one {@code @PreAuthorize} that joins
 * them with {@code and}. A {@code @PreAuthorize} template over {@link NaisTokenRules}, so it honours the
 * configured authority prefixes and works on the servlet and the reactive stack alike.
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("@" + NaisTokenRules.BEAN_NAME + ".anyConsumer(authentication, '{value}')")
public @interface RequireConsumer {

	/**
	 * The calling applications, e.g. {@code dev-gcp:team-a:batch}.
	 * @return the values, any one of which passes
	 */
	String[] value();

}
