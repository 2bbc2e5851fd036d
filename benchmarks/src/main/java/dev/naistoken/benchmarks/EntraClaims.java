package dev.naistoken.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

/**
 * Introspection answers shaped like Entra ID v2.0 user tokens on NAIS (the claims of
 * {@code texas-contract.md}): shared values (issuer, audience, tenant, consumers, app-assigned groups)
 * repeat across tokens, personal ones (oid, sid, sub, NAVident, name, username) are new for every token,
 * as if each token belonged to another user — the worst case for memory. Each user is in 20 groups out
 * of a pool of 500, and Entra ID's per-token opaque claims ({@code aio}, {@code rh}, {@code uti}) are
 * unique to each token.
 */
public final class EntraClaims {

	/** Group ids a tenant's users are in; each user is in {@link #GROUPS_PER_USER} of them. */
	private static final String[] GROUPS = new String[500];

	private static final int GROUPS_PER_USER = 20;

	private static final String[] CONSUMERS = { "dev-gcp:team-a:frontend", "dev-gcp:team-a:backend-for-frontend",
			"prod-gcp:team-b:saksbehandling", "prod-gcp:team-c:portal" };

	private static final String TENANT = "966ac572-f5b7-4bbe-aa88-c76419c0f851";

	private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	static {
		for (int i = 0; i < GROUPS.length; i++) {
			GROUPS[i] = new UUID(0x6a1f3c2e00004000L + i * 7919L, 0x8000000000000000L + i).toString();
		}
	}

	private EntraClaims() {
	}

	/**
	 * The answer for the {@code i}-th user's token, {@code active:true} and every claim at the top level.
	 * @param i which user
	 * @param issuedAt the token's {@code iat} and {@code nbf}, epoch seconds
	 * @param entraExtras whether to add the claims Entra ID always issues beyond the contract's: the opaque
	 * per-token {@code aio}, {@code rh}, {@code uti}, the session id {@code sid}, and {@code azpacr}
	 * @return the JSON body, UTF-8
	 */
	public static byte[] userToken(int i, long issuedAt, boolean entraExtras) {
		Random random = new Random(i);
		StringBuilder json = new StringBuilder(1200);
		json.append("{\"active\":true");
		string(json, "aud", "8a5e2b1c-0000-4000-8000-00000000aaaa");
		string(json, "iss", "https://login.microsoftonline.com/" + TENANT + "/v2.0");
		number(json, "iat", issuedAt);
		number(json, "nbf", issuedAt);
		number(json, "exp", issuedAt + 3600 + random.nextInt(600));
		if (entraExtras) {
			string(json, "aio", base64url(random, 140));
		}
		string(json, "azp", new UUID(0x3b1c0f2e00004000L, 0x800000000000bbbbL + (i % CONSUMERS.length)).toString());
		string(json, "azp_name", CONSUMERS[i % CONSUMERS.length]);
		if (entraExtras) {
			string(json, "azpacr", "1");
		}
		json.append(",\"groups\":[");
		int first = random.nextInt(GROUPS.length);
		int step = 1 + random.nextInt(GROUPS.length / GROUPS_PER_USER - 1);
		for (int g = 0; g < GROUPS_PER_USER; g++) {
			json.append((g > 0) ? "," : "").append('"').append(GROUPS[(first + g * step) % GROUPS.length]).append('"');
		}
		json.append(']');
		string(json, "name", "Kari Nordmann " + i);
		string(json, "NAVident", String.format("Z%06d", i % 1_000_000));
		string(json, "oid", new UUID(random.nextLong(), random.nextLong()).toString());
		string(json, "preferred_username", "kari.nordmann." + i + "@nav.no");
		if (entraExtras) {
			string(json, "rh", "1.AS8A" + base64url(random, 50) + ".");
		}
		string(json, "scp", "defaultaccess");
		if (entraExtras) {
			string(json, "sid", new UUID(random.nextLong(), random.nextLong()).toString());
		}
		string(json, "sub", base64url(random, 43));
		string(json, "tid", TENANT);
		if (entraExtras) {
			string(json, "uti", base64url(random, 22));
		}
		string(json, "ver", "2.0");
		return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A bearer token for the {@code i}-th user, shaped like a JWT (about 1.5 KB).
	 * @param i which user
	 * @return the token
	 */
	public static String token(int i) {
		Random random = new Random(~i);
		return "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6Im1vY2sifQ." + base64url(random, 1100) + "."
				+ base64url(random, 342);
	}

	private static void string(StringBuilder json, String name, String value) {
		json.append(",\"").append(name).append("\":\"").append(value).append('"');
	}

	private static void number(StringBuilder json, String name, long value) {
		json.append(",\"").append(name).append("\":").append(value);
	}

	private static String base64url(Random random, int length) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = BASE64URL.charAt(random.nextInt(64));
		}
		return new String(chars);
	}

}
