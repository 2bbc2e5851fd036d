/**
 * Wiring of the ready-made rules: the {@code naisTokenRules} bean their templates call, the start-up
 * rule check ({@code nais.token.rules.check}) and the Actuator endpoint {@code naistoken}. May import
 * {@code autoconfigure}, {@code rules} and {@code introspection}.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.autoconfigure.rules;

import org.jspecify.annotations.NullMarked;
