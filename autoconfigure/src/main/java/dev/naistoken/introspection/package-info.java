/**
 * What happens to a token: the call to the NAIS introspection endpoint and what its answer means (the endpoint
 * client, shared by every stack, with its blocking and non-blocking transports), the servlet
 * {@code OpaqueTokenIntrospector}, the reactive {@code ReactiveOpaqueTokenIntrospector}, and their observation. May import
 * {@code logging} and {@code introspection.cache}; never {@code authorities}, {@code web} or {@code autoconfigure}.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.introspection;

import org.jspecify.annotations.NullMarked;
