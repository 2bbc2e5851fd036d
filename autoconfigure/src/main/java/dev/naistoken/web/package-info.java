/**
 * Servlet web behaviour: the filter that answers 503/500 when a token cannot be checked, the filter that
 * refuses a request with more than one {@code Authorization} header, the bearer resolver that reads the
 * header only, and the firewall rule on header values. May import {@code introspection} (its exceptions);
 * never {@code autoconfigure}.
 * <p>
 * Null-marked: types are non-null unless annotated {@code @Nullable}, so Kotlin sees them as such.
 */
@NullMarked
package dev.naistoken.web;

import org.jspecify.annotations.NullMarked;
