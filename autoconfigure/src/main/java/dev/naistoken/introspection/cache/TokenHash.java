package dev.naistoken.introspection.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a token, as a cache key: the cache holds hashes, never tokens. Four longs make a
 * small key with a cheap {@code equals}. Not a record, so that a cache entry can be its own key (one
 * object per entry instead of two).
 *
 * @since 0.1.0
 */
public class TokenHash {

	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(TokenHash::newDigest);

	private final long a;

	private final long b;

	private final long c;

	private final long d;

	/**
	 * A copy of a hash, for an entry that is its own key.
	 * @param hash the hash
	 */
	protected TokenHash(TokenHash hash) {
		this(hash.a, hash.b, hash.c, hash.d);
	}

	private TokenHash(long a, long b, long c, long d) {
		this.a = a;
		this.b = b;
		this.c = c;
		this.d = d;
	}

	/**
	 * The hash of a token.
	 * @param token the bearer token
	 * @return its SHA-256
	 */
	public static TokenHash of(String token) {
		MessageDigest digest = SHA256.get();
		ByteBuffer hash = ByteBuffer.wrap(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
		return new TokenHash(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
		}
	}

	/** The digest's 32 bytes, big-endian, for tests that compare it with another SHA-256. */
	final byte[] bytes() {
		return ByteBuffer.allocate(32).putLong(this.a).putLong(this.b).putLong(this.c).putLong(this.d).array();
	}

	/** Equal when the digests are, whatever the subclass: a cache entry equals the hash it is found by. */
	@Override
	public final boolean equals(Object other) {
		return (other instanceof TokenHash that) && this.a == that.a && this.b == that.b && this.c == that.c
				&& this.d == that.d;
	}

	@Override
	public final int hashCode() {
		return (int) this.a;
	}

	@Override
	public String toString() {
		return "TokenHash[" + Long.toHexString(this.a) + "...]";
	}

}
