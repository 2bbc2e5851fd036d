/**
 * Log lines a team can live with: failure causes written once per interval, not once per request.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.logging;

import org.jspecify.annotations.NullMarked;
