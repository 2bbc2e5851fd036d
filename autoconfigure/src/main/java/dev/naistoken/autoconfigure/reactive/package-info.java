/**
 * Wiring for reactive (WebFlux) applications: the reactive introspector and converter beans, the filters
 * every {@code ServerHttpSecurity} gets, the default {@code SecurityWebFilterChain}, reactive method
 * security, and {@link dev.naistoken.autoconfigure.reactive.NaisTokenServerHttpSecurity} for
 * applications that write their own chain.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.autoconfigure.reactive;

import org.jspecify.annotations.NullMarked;
