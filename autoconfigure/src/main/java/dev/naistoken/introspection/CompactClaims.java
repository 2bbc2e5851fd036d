package dev.naistoken.introspection;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * The claims of one token as an immutable map that costs one small array per token: the claim names
 * live in a {@link Shape} shared by every token that has the same names in the same order. A full
 * cache holds one of these per token, so the per-token bytes are what count (a {@code LinkedHashMap}
 * costs about 900 bytes for Entra ID's 16 claims, this about 100).
 */
final class CompactClaims extends AbstractMap<String, Object> implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Shape shape;

	private final Object[] values;

	CompactClaims(Shape shape, Object[] values) {
		this.shape = shape;
		this.values = values;
	}

	@Override
	public @Nullable Object get(Object key) {
		int index = this.shape.indexOf(key);
		return (index >= 0) ? this.values[index] : null;
	}

	@Override
	public boolean containsKey(Object key) {
		return this.shape.indexOf(key) >= 0;
	}

	@Override
	public int size() {
		return this.values.length;
	}

	@Override
	public void forEach(BiConsumer<? super String, ? super Object> action) {
		for (int i = 0; i < this.values.length; i++) {
			action.accept(this.shape.keys[i], this.values[i]);
		}
	}

	@Override
	public Set<Entry<String, Object>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<Entry<String, Object>> iterator() {
				return new Iterator<>() {

					private int next;

					@Override
					public boolean hasNext() {
						return this.next < CompactClaims.this.values.length;
					}

					@Override
					public Entry<String, Object> next() {
						if (!hasNext()) {
							throw new NoSuchElementException();
						}
						int index = this.next++;
						return new SimpleImmutableEntry<>(CompactClaims.this.shape.keys[index],
								CompactClaims.this.values[index]);
					}

				};
			}

			@Override
			public int size() {
				return CompactClaims.this.values.length;
			}

		};
	}

	/**
	 * Claim names in order, with an open-addressing index so that a lookup is one hash and, mostly, one
	 * {@code equals}. Shared by every token with the same names.
	 */
	static final class Shape implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

		final String[] keys;

		/** Index + 1 of the key hashed to each slot; 0 for an empty slot. */
		private final int[] slots;

		Shape(String[] keys) {
			this.keys = keys;
			int capacity = Integer.highestOneBit(Math.max(1, keys.length) * 2) * 2;
			this.slots = new int[capacity];
			for (int i = 0; i < keys.length; i++) {
				int slot = slot(keys[i]);
				while (this.slots[slot] != 0) {
					slot = (slot + 1) & (capacity - 1);
				}
				this.slots[slot] = i + 1;
			}
		}

		int indexOf(Object key) {
			if (!(key instanceof String)) {
				return -1;
			}
			int mask = this.slots.length - 1;
			int slot = slot(key);
			int entry;
			while ((entry = this.slots[slot]) != 0) {
				if (this.keys[entry - 1].equals(key)) {
					return entry - 1;
				}
				slot = (slot + 1) & mask;
			}
			return -1;
		}

		private int slot(Object key) {
			int hash = key.hashCode();
			return (hash ^ (hash >>> 16)) & (this.slots.length - 1);
		}

	}

}
