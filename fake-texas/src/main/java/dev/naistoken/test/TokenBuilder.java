package dev.naistoken.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the claims of an Entra ID token as NAIS applications receive them, starting from realistic
 * defaults, and issues it as a signed JWT ({@link #issue()}).
 * <p>
 * A new builder describes a user calling through a frontend on their behalf (on-behalf-of): {@code iss},
 * {@code aud} ({@link FakeTexas#AUDIENCE}), {@code tid}, {@code oid}, {@code sub}, {@code azp},
 * {@code azp_name}, {@code name}, {@code preferred_username}, {@code NAVident} ({@value #DEFAULT_NAV_IDENT}),
 * {@code scp} ({@code defaultaccess}), {@code ver}, a random {@code uti}, and {@code iat}/{@code nbf} now with
 * {@code exp} an hour later; no {@code groups}. {@link #app()} turns it into an app-to-app token.
 * Time-valued claims are epoch seconds, as in a JWT.
 */
public final class TokenBuilder {

	/** The {@code NAVident} of the default user. */
	public static final String DEFAULT_NAV_IDENT = "Z990001";

	/** The {@code azp_name} of the default user's frontend. */
	public static final String DEFAULT_USER_CONSUMER = "dev-gcp:team-a:frontend";

	/** The {@code azp_name} of the default app-to-app caller. */
	public static final String DEFAULT_APP_CONSUMER = "dev-gcp:team-b:batch";

	/** The role every Entra ID app-to-app token holds. */
	public static final String ACCESS_AS_APPLICATION = "access_as_application";

	/** The scope every on-behalf-of token holds on NAIS. */
	public static final String DEFAULT_SCOPE = "defaultaccess";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String USER_OID = "0f7e3a9b-0000-4000-8000-00000000cccc";

	private static final String APP_OID = "5d2c1b0a-0000-4000-8000-00000000eeee";

	private final Map<String, Object> claims = new LinkedHashMap<>();

	private final Instant now;

	private final TokenSigner signer;

	TokenBuilder(Instant now, TokenSigner signer) {
		this.now = now;
		this.signer = signer;
		this.claims.put("aud", FakeTexas.AUDIENCE);
		this.claims.put("iss", FakeTexas.ISSUER);
		this.claims.put("iat", now.getEpochSecond());
		this.claims.put("nbf", now.getEpochSecond());
		this.claims.put("exp", now.plus(Duration.ofHours(1)).getEpochSecond());
		this.claims.put("azp", "3b1c0f2e-0000-4000-8000-00000000bbbb");
		this.claims.put("azp_name", DEFAULT_USER_CONSUMER);
		this.claims.put("name", "Kari Nordmann");
		this.claims.put("NAVident", DEFAULT_NAV_IDENT);
		this.claims.put("oid", USER_OID);
		this.claims.put("preferred_username", "kari.nordmann@example.no");
		this.claims.put("scp", DEFAULT_SCOPE);
		this.claims.put("sub", "Xj3nJfZr0000000000000000000000000000000000");
		this.claims.put("tid", FakeTexas.TENANT_ID);
		this.claims.put("uti", randomId());
		this.claims.put("ver", "2.0");
	}

	/**
	 * Sets {@code groups}, the group object ids (none removes the claim, as Entra ID leaves it out).
	 * @param groupIds the group object ids
	 * @return this builder
	 */
	public TokenBuilder groups(String... groupIds) {
		return list("groups", Arrays.asList(groupIds));
	}

	/**
	 * Sets {@code roles}, the app roles; an app-to-app token keeps {@value #ACCESS_AS_APPLICATION}.
	 * @param roles the roles
	 * @return this builder
	 */
	public TokenBuilder roles(String... roles) {
		List<String> values = new ArrayList<>(Arrays.asList(roles));
		if (isApp() && !values.contains(ACCESS_AS_APPLICATION)) {
			values.add(0, ACCESS_AS_APPLICATION);
		}
		return list("roles", values);
	}

	/**
	 * Sets {@code scp} to exactly these scopes, space-separated (none removes the claim).
	 * @param scopes the scopes
	 * @return this builder
	 */
	public TokenBuilder scopes(String... scopes) {
		return claim("scp", (scopes.length > 0) ? String.join(" ", scopes) : null);
	}

	/**
	 * Sets {@code NAVident}.
	 * @param navIdent the employee's ident; {@code null} removes the claim
	 * @return this builder
	 */
	public TokenBuilder navIdent(@Nullable String navIdent) {
		return claim("NAVident", navIdent);
	}

	/**
	 * Sets {@code azp_name}, the calling application as {@code cluster:namespace:app}.
	 * @param consumer the consumer's name
	 * @return this builder
	 */
	public TokenBuilder consumer(String consumer) {
		return claim("azp_name", consumer);
	}

	/**
	 * Makes it an app-to-app (client credentials) token: {@code idtyp=app}, {@code roles} holding
	 * {@value #ACCESS_AS_APPLICATION}, the caller {@value #DEFAULT_APP_CONSUMER}, and none of the user
	 * claims ({@code scp}, {@code groups}, {@code NAVident}, {@code name}, {@code preferred_username}).
	 * @return this builder
	 */
	public TokenBuilder app() {
		this.claims.keySet().removeAll(List.of("scp", "groups", "NAVident", "name", "preferred_username"));
		this.claims.put("idtyp", "app");
		this.claims.put("oid", APP_OID);
		this.claims.put("sub", APP_OID);
		this.claims.put("azp", "3b1c0f2e-0000-4000-8000-00000000dddd");
		this.claims.put("azp_name", DEFAULT_APP_CONSUMER);
		List<String> roles = (this.claims.get("roles") instanceof List<?> existing) ? existing.stream()
			.map(String::valueOf)
			.toList() : List.of();
		return roles(roles.toArray(String[]::new));
	}

	/**
	 * Sets {@code exp} this long after now.
	 * @param lifetime how long the token stays valid
	 * @return this builder
	 */
	public TokenBuilder expiresIn(Duration lifetime) {
		return claim("exp", this.now.plus(lifetime));
	}

	/**
	 * Sets {@code exp}.
	 * @param expiresAt when the token expires
	 * @return this builder
	 */
	public TokenBuilder expiresAt(Instant expiresAt) {
		return claim("exp", expiresAt);
	}

	/**
	 * Makes a token that expired an hour ago (well past the endpoint's {@link FakeTexas#LEEWAY}).
	 * @return this builder
	 */
	public TokenBuilder expired() {
		claim("iat", this.now.minus(Duration.ofHours(2)));
		claim("nbf", this.now.minus(Duration.ofHours(2)));
		return claim("exp", this.now.minus(Duration.ofHours(1)));
	}

	/**
	 * Sets {@code nbf}; a time in the future makes a token the endpoint calls immature.
	 * @param notBefore the first moment the token is valid
	 * @return this builder
	 */
	public TokenBuilder notBefore(Instant notBefore) {
		return claim("nbf", notBefore);
	}

	/**
	 * Sets any claim; an {@link Instant} is written as epoch seconds.
	 * @param name the claim's name
	 * @param value its value (a string, number, boolean, list or map); {@code null} removes the claim
	 * @return this builder
	 */
	public TokenBuilder claim(String name, @Nullable Object value) {
		if (value == null) {
			this.claims.remove(name);
		}
		else {
			this.claims.put(name, (value instanceof Instant instant) ? instant.getEpochSecond() : value);
		}
		return this;
	}

	/**
	 * The claims as they stand.
	 * @return a copy of the claims, time-valued ones as epoch seconds
	 */
	public Map<String, Object> claims() {
		return new LinkedHashMap<>(this.claims);
	}

	/**
	 * Issues the token: a JWT whose payload holds the claims, signed with the issuer's key.
	 * @return the token, to send as {@code Authorization: Bearer <token>}
	 */
	public String issue() {
		return this.signer.sign(payload());
	}

	/** The claims as the JSON object in the token's payload. */
	byte[] payload() {
		return JSON.writeValueAsBytes(this.claims);
	}

	private boolean isApp() {
		return "app".equals(this.claims.get("idtyp"));
	}

	private TokenBuilder list(String name, List<String> values) {
		return claim(name, values.isEmpty() ? null : List.copyOf(values));
	}

	private static String randomId() {
		byte[] bytes = new byte[16];
		ThreadLocalRandom.current().nextBytes(bytes);
		return TokenSigner.encode(bytes);
	}

}
