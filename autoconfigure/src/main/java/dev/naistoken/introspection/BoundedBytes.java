package dev.naistoken.introspection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * An answer's bytes, up to {@link IntrospectionClient#MAX_RESPONSE_BYTES}: every transport collects
 * the body through one of these, so the bound is the same whichever stack asks.
 */
final class BoundedBytes {

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	/**
	 * Whether a declared {@code Content-Length} is past the bound already.
	 * @param contentLength the declared length, negative when none was declared
	 */
	static boolean tooLarge(long contentLength) {
		return contentLength > IntrospectionClient.MAX_RESPONSE_BYTES;
	}

	/**
	 * Adds a chunk, unless the answer would grow past the bound.
	 * @return {@code false} when the chunk was refused: the answer is too large
	 */
	boolean add(ByteBuffer buffer) {
		if (this.bytes.size() + buffer.remaining() > IntrospectionClient.MAX_RESPONSE_BYTES) {
			return false;
		}
		byte[] chunk = new byte[buffer.remaining()];
		buffer.get(chunk);
		this.bytes.writeBytes(chunk);
		return true;
	}

	byte[] toByteArray() {
		return this.bytes.toByteArray();
	}

}
