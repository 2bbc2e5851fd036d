/**
 * Wiring only: the {@code nais.token.*} properties (checked once, at binding), the auto-configurations and
 * the default filter chain; health and observation are wired in the {@code health} and {@code observation}
 * sub-packages. May import every other package; nothing imports it but its sub-packages.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.autoconfigure;

import org.jspecify.annotations.NullMarked;
