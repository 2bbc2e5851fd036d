/**
 * Reactive (WebFlux) web behaviour, the servlet package's twin: the filter that answers 503/500 when a
 * token cannot be checked, and the filter that refuses a malformed or repeated {@code Authorization}
 * header. May import {@code web} (the rules and answers both stacks share) and {@code introspection}
 * (its exceptions); never {@code autoconfigure}.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.web.reactive;

import org.jspecify.annotations.NullMarked;
