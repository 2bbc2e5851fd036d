package dev.naistoken.test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Decides what the real endpoint would say about a token sent for one identity provider, in the order
 * it checks: header, key id (a key of this provider's key set, else the token "can not be validated
 * with this identity provider"), algorithm (RS256 only), signature, required claims ({@code iss},
 * {@code exp}, {@code iat}), {@code exp}, then {@code nbf}/{@code iat} (with {@link FakeTexas#LEEWAY}),
 * issuer, audience (none for Maskinporten). The reasons are the real endpoint's strings.
 * <p>
 * The signature is checked on every call, as the real endpoint does (it keeps no cache); what never
 * changes for a token (its header and claims) is worked out once and remembered, so a load test of many
 * requests with one token costs a map lookup, one RS256 verification and two comparisons per request.
 */
final class TokenVerifier {

	static final String EXPIRED = "invalid token: ExpiredSignature";

	static final String IMMATURE = "invalid token: ImmatureSignature";

	static final String INVALID_AUDIENCE = "invalid token: InvalidAudience";

	static final String INVALID_ISSUER = "invalid token: InvalidIssuer";

	static final String INVALID_SIGNATURE = "invalid token: InvalidSignature";

	static final String INVALID_ALGORITHM = "invalid token: InvalidAlgorithm";

	static final String MISSING_CLAIM = "invalid token: Missing required claim: ";

	static final String NOT_A_JWT = "invalid token header: InvalidToken";

	static final String MISSING_KEY_ID = "missing key id from token header";

	static final String WRONG_PROVIDER = "token can not be validated with this identity provider";

	private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

	private static final byte[] ACTIVE_PREFIX = "{\"active\":true".getBytes(StandardCharsets.UTF_8);

	private static final int MAX_REMEMBERED = 100_000;

	private final FakeTexas.Provider provider;

	private final Supplier<@Nullable TokenSigner> signer;

	private final Map<String, Checked> checked = new ConcurrentHashMap<>();

	/**
	 * A verifier for one provider.
	 * @param provider the provider whose issuer and audience it requires
	 * @param signer the provider's key, or {@code null} while the provider has issued no token (then no
	 * token can carry its key id)
	 */
	TokenVerifier(FakeTexas.Provider provider, Supplier<@Nullable TokenSigner> signer) {
		this.provider = provider;
		this.signer = signer;
	}

	/**
	 * What the endpoint answers for this token at this time.
	 * @param token the token as received
	 * @param now the current time, epoch seconds
	 * @return the verdict
	 */
	Verdict verify(String token, long now) {
		Checked checked = this.checked.get(token);
		if (checked != null && checked.signature() != null && !this.signer.get()
			.verifies(token, checked.signedLength(), checked.signature())) {
			return new Verdict(null, INVALID_SIGNATURE);
		}
		if (checked == null) {
			checked = check(token);
			if (checked.remember()) {
				if (this.checked.size() >= MAX_REMEMBERED) {
					this.checked.clear();
				}
				this.checked.put(token, checked);
			}
		}
		if (checked.failure() != null) {
			return new Verdict(null, checked.failure());
		}
		long leeway = FakeTexas.LEEWAY.getSeconds();
		if (checked.expiresAt() < now - leeway) {
			return new Verdict(null, EXPIRED);
		}
		if (checked.validFrom() > now + leeway) {
			return new Verdict(null, IMMATURE);
		}
		if (checked.mismatch() != null) {
			return new Verdict(null, checked.mismatch());
		}
		return new Verdict(checked.activeBody(), null);
	}

	private Checked check(String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return Checked.failed(NOT_A_JWT, false);
		}
		JsonNode header = decodeObject(parts[0]);
		JsonNode alg = (header != null) ? header.get("alg") : null;
		if (header == null || alg == null || !alg.isString()) {
			return Checked.failed(NOT_A_JWT, false);
		}
		JsonNode kid = header.get("kid");
		if (kid == null || !kid.isString()) {
			return Checked.failed(MISSING_KEY_ID, false);
		}
		TokenSigner signer = this.signer.get();
		if (signer == null || !signer.keyId().equals(kid.asString())) {
			return Checked.failed(WRONG_PROVIDER, false);
		}
		if (!TokenSigner.ALGORITHM.equals(alg.asString())) {
			return Checked.failed(INVALID_ALGORITHM, false);
		}
		byte[] signature = decode(parts[2]);
		int signedLength = parts[0].length() + 1 + parts[1].length();
		if (signature == null || !signer.verifies(token, signedLength, signature)) {
			return Checked.failed(INVALID_SIGNATURE, false);
		}
		byte[] payload = decode(parts[1]);
		JsonNode claims = (payload != null) ? parse(payload) : null;
		if (claims == null || !claims.isObject()) {
			return Checked.failed(NOT_A_JWT, true);
		}
		for (String required : new String[] { "iss", "exp", "iat" }) {
			if (claims.get(required) == null || claims.get(required).isNull()) {
				return Checked.failed(MISSING_CLAIM + required, true);
			}
		}
		if (!claims.get("exp").isIntegralNumber() || !claims.get("iat").isIntegralNumber()) {
			return Checked.failed(NOT_A_JWT, true);
		}
		long validFrom = claims.get("iat").asLong();
		JsonNode nbf = claims.get("nbf");
		if (nbf != null && nbf.isIntegralNumber()) {
			validFrom = Math.max(validFrom, nbf.asLong());
		}
		return new Checked(null, claims.get("exp").asLong(), validFrom, mismatch(claims), activeBody(payload),
				signature, signedLength, true);
	}

	private @Nullable String mismatch(JsonNode claims) {
		JsonNode iss = claims.get("iss");
		if (!iss.isString() || !this.provider.issuer().equals(iss.asString())) {
			return INVALID_ISSUER;
		}
		String audience = this.provider.audience();
		JsonNode aud = claims.get("aud");
		if (aud == null || audience == null) {
			return null;
		}
		if (aud.isString() && audience.equals(aud.asString())) {
			return null;
		}
		if (aud.isArray()) {
			for (JsonNode value : aud) {
				if (value.isString() && audience.equals(value.asString())) {
					return null;
				}
			}
		}
		return INVALID_AUDIENCE;
	}

	/** {@code {"active":true, ...claims}}: the payload's own bytes after an {@code active} member. */
	static byte[] activeBody(byte[] payload) {
		int start = 1;
		while (start < payload.length && Character.isWhitespace(payload[start])) {
			start++;
		}
		boolean empty = start < payload.length && payload[start] == '}';
		byte[] body = new byte[ACTIVE_PREFIX.length + (empty ? 1 : 1 + payload.length - 1)];
		System.arraycopy(ACTIVE_PREFIX, 0, body, 0, ACTIVE_PREFIX.length);
		if (empty) {
			body[ACTIVE_PREFIX.length] = '}';
		}
		else {
			body[ACTIVE_PREFIX.length] = ',';
			System.arraycopy(payload, 1, body, ACTIVE_PREFIX.length + 1, payload.length - 1);
		}
		return body;
	}

	private static @Nullable JsonNode decodeObject(String part) {
		byte[] bytes = decode(part);
		JsonNode node = (bytes != null) ? parse(bytes) : null;
		return (node != null && node.isObject()) ? node : null;
	}

	private static byte @Nullable [] decode(String part) {
		try {
			return BASE64URL.decode(part);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable JsonNode parse(byte[] json) {
		try {
			return TokenBuilder.JSON.readTree(json);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * The endpoint's verdict on a token.
	 * @param activeBody the body of the {@code active:true} answer, or {@code null}
	 * @param reason why the token is not active, or {@code null}
	 */
	record Verdict(byte @Nullable [] activeBody, @Nullable String reason) {
	}

	/**
	 * What never changes for a token.
	 * @param failure a reason that holds whatever the time, or {@code null}
	 * @param expiresAt {@code exp}
	 * @param validFrom the later of {@code iat} and {@code nbf}
	 * @param mismatch the issuer or audience reason, checked after the times, or {@code null}
	 * @param activeBody the answer when active
	 * @param signature the token's signature, checked again on every call; {@code null} for a failure
	 * @param signedLength how many leading characters of the token the signature covers
	 * @param remember whether to remember it (only tokens this endpoint signed, so junk cannot fill memory)
	 */
	private record Checked(@Nullable String failure, long expiresAt, long validFrom, @Nullable String mismatch,
			byte @Nullable [] activeBody, byte @Nullable [] signature, int signedLength, boolean remember) {

		static Checked failed(String failure, boolean remember) {
			return new Checked(failure, 0, 0, null, null, null, 0, remember);
		}

	}

}
