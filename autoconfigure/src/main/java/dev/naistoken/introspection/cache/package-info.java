/**
 * The cache of active tokens' claims, a bean of its own that every introspector asks, keyed by the
 * token's SHA-256.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.introspection.cache;

import org.jspecify.annotations.NullMarked;
