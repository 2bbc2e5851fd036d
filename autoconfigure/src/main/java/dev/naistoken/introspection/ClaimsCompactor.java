package dev.naistoken.introspection;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes parsed claims small and immutable before a principal (and the cache) keeps them. Tokens of one
 * application share most values — issuer, audience, tenant, consumers, app-assigned groups and roles —
 * so the values of those claims are kept once and shared, as are the claim names. Personal and per-token
 * values (oid, sub, NAVident, names) are never shared. Both tables are bounded: past the bound a value
 * is simply kept unshared.
 * <p>
 * Arrays become immutable lists and objects immutable maps, so no caller can change a cached principal
 * that later requests see.
 */
final class ClaimsCompactor {

	/** Claims whose values repeat across the tokens an application sees. */
	private static final Set<String> SHARED = Set.of("iss", "aud", "tid", "ver", "azp", "azp_name", "azpacr", "appid",
			"appidacr", "idtyp", "idp", "scp", "acr", "amr", "groups", "roles", "wids");

	private static final int MAX_SHARED_VALUES = 4096;

	private static final int MAX_SHAPES = 256;

	private final Map<Object, Object> values = new ConcurrentHashMap<>();

	private final Map<List<String>, CompactClaims.Shape> shapes = new ConcurrentHashMap<>();

	/**
	 * The claims, compact and immutable.
	 * @param claims parsed claims without {@code null} values, dates already {@link Instant}
	 * @return an immutable map with the same entries in the same order
	 */
	Map<String, Object> compact(Map<String, Object> claims) {
		String[] keys = new String[claims.size()];
		Object[] compacted = new Object[keys.length];
		boolean[] personal = new boolean[keys.length];
		int i = 0;
		for (Map.Entry<String, Object> claim : claims.entrySet()) {
			keys[i] = claim.getKey();
			Object value = immutable(claim.getValue());
			boolean shared = SHARED.contains(claim.getKey());
			personal[i] = !shared;
			compacted[i++] = shared ? share(value) : value;
		}
		if (compacted.length > 0) {
			shareEqualInstants(claims, keys, compacted);
		}
		return CompactClaims.of(shape(keys), compacted, personal);
	}

	private CompactClaims.Shape shape(String[] keys) {
		List<String> names = List.of(keys);
		CompactClaims.Shape shape = this.shapes.get(names);
		if (shape != null) {
			return shape;
		}
		shape = new CompactClaims.Shape(keys);
		if (this.shapes.size() >= MAX_SHAPES) {
			return shape;
		}
		CompactClaims.Shape existing = this.shapes.putIfAbsent(names, shape);
		return (existing != null) ? existing : shape;
	}

	private Object share(Object value) {
		if (!(value instanceof String) && !(value instanceof List<?>)) {
			return value;
		}
		if (value instanceof List<?> list) {
			value = shareElements(list);
		}
		Object shared = this.values.get(value);
		if (shared != null) {
			return shared;
		}
		if (this.values.size() >= MAX_SHARED_VALUES) {
			return value;
		}
		shared = this.values.putIfAbsent(value, value);
		return (shared != null) ? shared : value;
	}

	private List<?> shareElements(List<?> list) {
		Object[] elements = list.toArray();
		for (int i = 0; i < elements.length; i++) {
			if (elements[i] instanceof String) {
				elements[i] = share(elements[i]);
			}
		}
		return immutableList(elements);
	}

	/** {@code nbf} usually equals {@code iat}: one {@link Instant} serves both. */
	private static void shareEqualInstants(Map<String, Object> claims, String[] keys, Object[] compacted) {
		Object iat = claims.get("iat");
		if (!(iat instanceof Instant)) {
			return;
		}
		for (int i = 0; i < keys.length; i++) {
			if (compacted[i] instanceof Instant instant && instant != iat && instant.equals(iat)) {
				compacted[i] = iat;
			}
		}
	}

	private static Object immutable(Object value) {
		if (value instanceof List<?> list) {
			Object[] elements = list.toArray();
			for (int i = 0; i < elements.length; i++) {
				elements[i] = immutable(elements[i]);
			}
			return immutableList(elements);
		}
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((key, element) -> copy.put(key, immutable(element)));
			return Collections.unmodifiableMap(copy);
		}
		return value;
	}

	/** {@link List#of} is the smallest list, but refuses {@code null} elements, which JSON allows. */
	private static List<Object> immutableList(Object[] elements) {
		for (Object element : elements) {
			if (element == null) {
				return Collections.unmodifiableList(Arrays.asList(elements));
			}
		}
		return List.of(elements);
	}

}
