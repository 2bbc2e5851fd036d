package dev.naistoken.test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks tokens with a random HMAC key of its own (HS256), under a random key id. A token
 * signed by another instance, or by anyone else, fails the check: to the fake endpoint it is as
 * unknown as a forged token is to the real one.
 */
final class TokenSigner {

	static final String ALGORITHM = "HS256";

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final SecretKeySpec key;

	private final String keyId;

	private final String encodedHeader;

	private final ThreadLocal<Mac> mac;

	TokenSigner() {
		SecureRandom random = new SecureRandom();
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		byte[] id = new byte[9];
		random.nextBytes(id);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
		this.keyId = BASE64URL.encodeToString(id);
		this.encodedHeader = encode(("{\"alg\":\"" + ALGORITHM + "\",\"kid\":\"" + this.keyId + "\",\"typ\":\"JWT\"}")
			.getBytes(StandardCharsets.UTF_8));
		this.mac = ThreadLocal.withInitial(this::newMac);
	}

	String keyId() {
		return this.keyId;
	}

	/** A compact JWS: header with {@code kid}, the payload as given, the signature. */
	String sign(byte[] payload) {
		String signingInput = this.encodedHeader + "." + encode(payload);
		return signingInput + "." + encode(signature(signingInput));
	}

	/** Whether {@code signature} (base64url) is this signer's signature of {@code signingInput}. */
	boolean verifies(String signingInput, byte[] signature) {
		return MessageDigest.isEqual(signature(signingInput), signature);
	}

	private byte[] signature(String signingInput) {
		return this.mac.get().doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
	}

	static String encode(byte[] bytes) {
		return BASE64URL.encodeToString(bytes);
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
