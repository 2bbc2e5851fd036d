/**
 * Micrometer meters of the introspection cache and the trace context sent to the endpoint; used only when the
 * application has Micrometer (the observation itself is made where the call is, in {@code introspection}). May
 * import {@code introspection} and {@code introspection.cache}.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.observation;

import org.jspecify.annotations.NullMarked;
