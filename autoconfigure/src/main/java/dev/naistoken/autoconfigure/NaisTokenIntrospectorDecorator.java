package dev.naistoken.autoconfigure;

import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Wraps the {@link OpaqueTokenIntrospector} the starter builds (never one the application defines
 * itself), for concerns around each introspection such as metrics, without the starter knowing them.
 * Beans of this type are applied in {@link org.springframework.core.annotation.Order order}, the first
 * one innermost.
 */
@FunctionalInterface
public interface NaisTokenIntrospectorDecorator {

	/**
	 * Wraps the introspector.
	 * @param introspector the introspector built so far: the cache when it is enabled, else the one that
	 * asks the endpoint, or what an earlier decorator made of them
	 * @return the introspector to use instead, or the same one
	 */
	OpaqueTokenIntrospector decorate(OpaqueTokenIntrospector introspector);

}
