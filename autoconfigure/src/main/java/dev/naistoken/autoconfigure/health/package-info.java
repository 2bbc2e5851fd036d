/**
 * Wiring of the introspection endpoint's health indicator. May import {@code autoconfigure},
 * {@code health} and {@code introspection}.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
