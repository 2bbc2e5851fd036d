/**
 * What happens to a token: the call to the NAIS introspection endpoint, what its answer means, the {@code
 * OpaqueTokenIntrospector} and the cache in front of it.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.introspection;

import org.jspecify.annotations.NullMarked;
