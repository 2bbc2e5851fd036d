/**
 * Micrometer observations and meters of the introspections; used only when the application has Micrometer's
 * registries.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.observation;

import org.jspecify.annotations.NullMarked;
