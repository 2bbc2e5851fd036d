/**
 * How it is wired: the {@code nais.token.*} properties, the auto-configurations, the default filter chain
 * and the mapping of introspection failures to HTTP answers.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.autoconfigure;

import org.jspecify.annotations.NullMarked;
