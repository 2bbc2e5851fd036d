/**
 * Ready-made access rules ({@link dev.naistoken.rules.RequireGroup @RequireGroup} and its siblings, each a
 * {@code @PreAuthorize} template evaluated by the {@link dev.naistoken.rules.NaisTokenRules} bean) and
 * what reads the application's rules back: the start-up check, the access report. Free of servlet and
 * reactive types, so both stacks share them. May import {@code authorities} and {@code introspection};
 * never {@code web} or {@code autoconfigure}.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.rules;

import org.jspecify.annotations.NullMarked;
