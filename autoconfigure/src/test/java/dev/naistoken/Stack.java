package dev.naistoken;

import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * The web stack an application under test runs on, for the few expectations that differ between them
 * (which framework logger prints what, for instance).
 */
public enum Stack {

	/** Spring MVC on Tomcat. */
	SERVLET,

	/** WebFlux on Netty. */
	REACTIVE;

	/**
	 * The stack of a running application.
	 * @param context its context
	 * @return its stack
	 */
	public static Stack of(ApplicationContext context) {
		return (context instanceof ReactiveWebApplicationContext) ? REACTIVE : SERVLET;
	}

}
