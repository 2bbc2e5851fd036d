package dev.naistoken.introspection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a token, as a cache key: the cache holds hashes, never tokens. Four longs make a
 * small key with a cheap {@code equals}.
 */
record TokenHash(long a, long b, long c, long d) {

	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(TokenHash::newDigest);

	static TokenHash of(String token) {
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

	@Override
	public int hashCode() {
		return (int) this.a;
	}

	@Override
	public String toString() {
		return "TokenHash[" + Long.toHexString(this.a) + "...]";
	}

}
