/**
 * Wiring of the observation convention, cache metrics and trace headers. May import {@code autoconfigure},
 * {@code observation}, {@code introspection} and {@code introspection.cache}.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
