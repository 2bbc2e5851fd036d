package dev.naistoken.rules;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

import dev.naistoken.authorities.LevelOfAssurance;

/**
 * Passes a TokenX or ID-porten token with at least this level of assurance ({@code acr}):
 * {@code HIGH} also passes a rule for {@code SUBSTANTIAL}.
 * <pre class="code">
 * &#64;RequireLevel(LevelOfAssurance.HIGH) Benefits myBenefits() { ... }
 * </pre>
 * On a method or a class (then for each of its methods that has no rule of its own: Spring Security
 * takes a method's rule over its class's, and refuses two rules on one method, which the start-up check
 * reports). For more than one condition, use one {@code @PreAuthorize} that joins them with
 * {@code and}. A {@code @PreAuthorize} template over {@link NaisTokenRules}, so it honours the configured
 * authority prefixes and works on the servlet and the reactive stack alike.
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("@" + NaisTokenRules.BEAN_NAME + ".atLeastLevel(authentication, '{value}')")
public @interface RequireLevel {

	/**
	 * The lowest level that passes.
	 * @return the level
	 */
	LevelOfAssurance value();

}
