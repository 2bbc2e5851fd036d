package dev.naistoken.rules;

import java.lang.reflect.Method;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A bean method with an access rule, as Spring Security will enforce it: the rule found on the method,
 * its class, an interface or a meta-annotation, with the ready-made annotations' templates expanded.
 *
 * @param type the bean's class
 * @param method the method
 * @param annotation {@code PreAuthorize} or {@code PostAuthorize}
 * @param expression the rule's expression, templates expanded
 * @param requirements what the rule asks of a token, as far as its text says
 * @param rule the rule as written: {@code @RequireGroup({"readers", "admins"})} or
 * {@code @PreAuthorize("hasRole('x')")}
 * @param words the rule in words, e.g. {@code any of groups readers, admins}
 * @param request the HTTP request it handles, e.g. {@code GET /api/cases}, when it is a handler method
 */
public record ProtectedMethod(Class<?> type, Method method, String annotation, String expression,
		List<Requirement> requirements, String rule, String words, @Nullable String request) {

	/**
	 * The method as a reader finds it: simple class name and method name.
	 * @return e.g. {@code CaseController#list}
	 */
	public String name() {
		return this.type.getSimpleName() + "#" + this.method.getName();
	}

}
