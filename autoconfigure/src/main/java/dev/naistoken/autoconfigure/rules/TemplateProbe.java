package dev.naistoken.autoconfigure.rules;

import java.util.List;

import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import dev.naistoken.rules.RequireGroup;

/**
 * Calls a ready-made rule through the application's own {@code @PreAuthorize} interceptor once at
 * start-up, as a member of the group and as a non-member: the member must pass and the other must be
 * refused. A member refused means the template was not expanded (the rule would refuse everyone); a
 * non-member let through means the interceptor does not enforce the rule. Blocking method security
 * only; a reactive interceptor is left alone.
 */
final class TemplateProbe {

	static final String GROUP = "naistokentemplateprobe";

	private TemplateProbe() {
	}

	/** What is wrong, or {@code null} when the rule behaves. */
	static @Nullable String problem(Object interceptor, String groupPrefix) {
		if (!(interceptor instanceof AuthorizationManagerBeforeMethodInterceptor)) {
			return null;
		}
		ProxyFactory factory = new ProxyFactory(new Target());
		factory.addInterface(Probe.class);
		factory.addAdvice((MethodInterceptor) interceptor);
		Probe probe = (Probe) factory.getProxy(TemplateProbe.class.getClassLoader());
		SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
		SecurityContext previous = holder.getContext();
		try {
			if (!passes(probe, holder, groupPrefix + GROUP)) {
				return "refused a member of the group named by @RequireGroup(\"" + GROUP + "\"): the application's "
						+ "method security does not expand @PreAuthorize templates, so every ready-made rule would "
						+ "refuse everyone";
			}
			if (passes(probe, holder, groupPrefix + "other")) {
				return "let a caller outside the group named by @RequireGroup(\"" + GROUP + "\") through: the "
						+ "application's method security does not enforce the ready-made rules";
			}
			return null;
		}
		finally {
			holder.setContext(previous);
		}
	}

	private static boolean passes(Probe probe, SecurityContextHolderStrategy holder, String authority) {
		SecurityContext context = holder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("probe", null,
				List.of(new SimpleGrantedAuthority(authority))));
		holder.setContext(context);
		try {
			probe.call();
			return true;
		}
		catch (AccessDeniedException ex) {
			return false;
		}
	}

	/** The probed method. */
	interface Probe {

		@RequireGroup(GROUP)
		void call();

	}

	private static final class Target implements Probe {

		@Override
		public void call() {
		}

	}

}
