/**
 * An Actuator health indicator for the introspection endpoint; used only when enabled and Spring Boot's
 * health module is present. May import {@code introspection}.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.health;

import org.jspecify.annotations.NullMarked;
