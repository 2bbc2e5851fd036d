package dev.naistoken.introspection;

import java.io.ByteArrayOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
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
 * cache holds one of these per token, so the per-token bytes are what count. The token's own text
 * values (oid, sub, NAVident, names...), which no other token shares, are kept together as Latin-1 bytes
 * in one array and become {@code String}s again when read: a separate {@code String} costs about 40
 * bytes of headers besides its text, and a cached token holds half a dozen of them.
 */
final class CompactClaims extends AbstractMap<String, Object> implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Shape shape;

	/** The values; {@link Packed#TEXT} where the value is in {@link #text}. */
	private final Object[] values;

	/** Each packed value in claim order: its length in two bytes, then its Latin-1 bytes. */
	private final byte @Nullable [] text;

	CompactClaims(Shape shape, Object[] values, byte @Nullable [] text) {
		this.shape = shape;
		this.values = values;
		this.text = text;
	}

	/**
	 * Claims whose string values are packed into one array where they can be: the ones given as
	 * {@code packable} that hold Latin-1 text of at most 65,535 characters.
	 */
	static CompactClaims of(Shape shape, Object[] values, boolean[] packable) {
		ByteArrayOutputStream text = null;
		for (int i = 0; i < values.length; i++) {
			if (packable[i] && values[i] instanceof String string && string.length() <= 0xFFFF && isLatin1(string)) {
				if (text == null) {
					text = new ByteArrayOutputStream(256);
				}
				text.write(string.length() >>> 8);
				text.write(string.length());
				text.writeBytes(string.getBytes(StandardCharsets.ISO_8859_1));
				values[i] = Packed.TEXT;
			}
		}
		return new CompactClaims(shape, values, (text != null) ? text.toByteArray() : null);
	}

	private static boolean isLatin1(String string) {
		for (int i = 0; i < string.length(); i++) {
			if (string.charAt(i) > 0xFF) {
				return false;
			}
		}
		return true;
	}

	@Override
	public @Nullable Object get(Object key) {
		int index = this.shape.indexOf(key);
		return (index >= 0) ? value(index) : null;
	}

	private Object value(int index) {
		Object value = this.values[index];
		byte[] text = this.text;
		if (value != Packed.TEXT || text == null) {
			return value;
		}
		int offset = 0;
		for (int i = 0; i < index; i++) {
			if (this.values[i] == Packed.TEXT) {
				offset += 2 + length(text, offset);
			}
		}
		return new String(text, offset + 2, length(text, offset), StandardCharsets.ISO_8859_1);
	}

	private static int length(byte[] text, int offset) {
		return ((text[offset] & 0xFF) << 8) | (text[offset + 1] & 0xFF);
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
			action.accept(this.shape.keys[i], value(i));
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
						return new SimpleImmutableEntry<>(CompactClaims.this.shape.keys[index], value(index));
					}

				};
			}

			@Override
			public int size() {
				return CompactClaims.this.values.length;
			}

		};
	}

	/** Marks a value kept in the packed text; an enum, so it stays one instance when deserialized. */
	enum Packed {

		TEXT

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
