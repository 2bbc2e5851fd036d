/**
 * What a token may do: the claims of an introspected token turned into Spring Security authorities, and the
 * principal that exposes them. Free of servlet and blocking types, so every stack and the test kit share
 * one mapping. The converter builds the principal once, with its authorities. May import {@code logging}, and
 * from {@code introspection} only the provider's name ({@code IdentityProvider}) and the principal that
 * carries it ({@code IntrospectedPrincipal}); never {@code web} or {@code autoconfigure}.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.authorities;

import org.jspecify.annotations.NullMarked;
