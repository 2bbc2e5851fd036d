package dev.naistoken.test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs and checks tokens with an RSA key pair of its own (RS256, the only algorithm the real endpoint
 * accepts), under a random key id: one signer per identity provider, as each provider has its own key
 * set. A token signed by another signer carries a key id this one does not know, as a token of another
 * provider (or a forged one) does to the real endpoint. Checking an RS256 signature costs what it costs
 * the real endpoint on every call, so a load test against the fake sees a realistic endpoint.
 */
final class TokenSigner {

	static final String ALGORITHM = "RS256";

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final KeyPair keys;

	private final String keyId;

	private final String encodedHeader;

	private final ThreadLocal<Signature> signing;

	private final ThreadLocal<Signature> verifying;

	TokenSigner() {
		SecureRandom random = new SecureRandom();
		byte[] id = new byte[9];
		random.nextBytes(id);
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048, random);
			this.keys = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("RSA is not available", ex);
		}
		this.keyId = BASE64URL.encodeToString(id);
		this.encodedHeader = encode(("{\"alg\":\"" + ALGORITHM + "\",\"kid\":\"" + this.keyId + "\",\"typ\":\"JWT\"}")
			.getBytes(StandardCharsets.UTF_8));
		this.signing = ThreadLocal.withInitial(() -> signature(true));
		this.verifying = ThreadLocal.withInitial(() -> signature(false));
	}

	String keyId() {
		return this.keyId;
	}

	/** A compact JWS: header with {@code kid}, the payload as given, the signature. */
	String sign(byte[] payload) {
		String signingInput = this.encodedHeader + "." + encode(payload);
		try {
			Signature signature = this.signing.get();
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + encode(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not sign a token", ex);
		}
	}

	/**
	 * Whether {@code signature} is this signer's signature of the first {@code length} characters of
	 * {@code token} (its header and payload).
	 */
	boolean verifies(String token, int length, byte[] signature) {
		try {
			Signature verifier = this.verifying.get();
			verifier.update(token.substring(0, length).getBytes(StandardCharsets.US_ASCII));
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			this.verifying.remove();
			return false;
		}
	}

	static String encode(byte[] bytes) {
		return BASE64URL.encodeToString(bytes);
	}

	private Signature signature(boolean sign) {
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			if (sign) {
				signature.initSign(this.keys.getPrivate());
			}
			else {
				signature.initVerify(this.keys.getPublic());
			}
			return signature;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA256withRSA is not available", ex);
		}
	}

}
