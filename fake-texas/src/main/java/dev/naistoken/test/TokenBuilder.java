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
 * Builds the claims of a token of one identity provider as NAIS applications receive them, starting
 * from realistic defaults, and issues it as a JWT signed with that provider's key ({@link #issue()}).
 * <p>
 * {@link FakeTexas#token()} starts an Entra ID token for a user calling through a frontend on their behalf
 * (on-behalf-of): {@code iss}, {@code aud} ({@link FakeTexas#AUDIENCE}), {@code tid}, {@code oid}, {@code sub},
 * {@code azp}, {@code azp_name}, {@code name}, {@code preferred_username}, {@code NAVident}
 * ({@value #DEFAULT_NAV_IDENT}), {@code scp} ({@code defaultaccess}), {@code ver}, a random {@code uti}, and
 * {@code iat}/{@code nbf} now with {@code exp} an hour later; no {@code groups}. {@link #app()} turns it into
 * an app-to-app token.
 * <p>
 * {@link FakeTexas#tokenx()} starts a citizen's TokenX token (exchanged by the frontend
 * {@value #DEFAULT_USER_CONSUMER}): {@code pid} ({@value #DEFAULT_PID}), {@code acr} level high,
 * {@code client_id}, {@code idp}; {@link FakeTexas#idporten()} the same citizen's ID-porten token;
 * {@link FakeTexas#maskinporten()} an organisation's token: {@code consumer} ({@code 0192:}{@value
 * #DEFAULT_ORGANISATION}) and {@code scope} ({@value #DEFAULT_MASKINPORTEN_SCOPE}). The setters that name
 * a claim of one provider only ({@link #groups(String...)}, {@link #pid(String)}, {@link
 * #organisation(String)}...) refuse a token of another provider; {@link #claim(String, Object)} sets
 * anything. Time-valued claims are epoch seconds, as in a JWT.
 */
public final class TokenBuilder {

	/** The {@code NAVident} of the default user. */
	public static final String DEFAULT_NAV_IDENT = "Z990001";

	/** The {@code azp_name} of the default user's frontend (and {@code client_id} of a TokenX token). */
	public static final String DEFAULT_USER_CONSUMER = "dev-gcp:team-a:frontend";

	/** The {@code azp_name} of the default app-to-app caller. */
	public static final String DEFAULT_APP_CONSUMER = "dev-gcp:team-b:batch";

	/** The role every Entra ID app-to-app token holds. */
	public static final String ACCESS_AS_APPLICATION = "access_as_application";

	/** The scope every on-behalf-of token holds on NAIS. */
	public static final String DEFAULT_SCOPE = "defaultaccess";

	/**
	 * The {@code pid} of the default citizen: a made-up national identity number of the shape of a real
	 * one (11 digits, invalid check digits), so it can belong to no one.
	 */
	public static final String DEFAULT_PID = "12345678910";

	/** The organisation number of the default Maskinporten caller (NAV's own). */
	public static final String DEFAULT_ORGANISATION = "889640782";

	/** The {@code scope} of the default Maskinporten token. */
	public static final String DEFAULT_MASKINPORTEN_SCOPE = "nav:example/api.read";

	/** The {@code client_id} of the default ID-porten client (a frontend's, a UUID). */
	public static final String DEFAULT_IDPORTEN_CLIENT = "7c2b6a1d-0000-4000-8000-00000000ffff";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String USER_OID = "0f7e3a9b-0000-4000-8000-00000000cccc";

	private static final String APP_OID = "5d2c1b0a-0000-4000-8000-00000000eeee";

	private static final String MASKINPORTEN_CLIENT = "2f3c4d5e-0000-4000-8000-00000000abcd";

	private final Map<String, Object> claims = new LinkedHashMap<>();

	private final FakeTexas.Provider provider;

	private final Instant now;

	private final TokenSigner signer;

	/**
	 * A builder with the defaults of an Entra ID user token.
	 * @param now when the token is issued
	 * @param signer Entra ID's key
	 */
	TokenBuilder(Instant now, TokenSigner signer) {
		this(FakeTexas.Provider.ENTRA_ID, now, signer);
	}

	/**
	 * A builder with the defaults of a token of this provider.
	 * @param provider the provider
	 * @param now when the token is issued
	 * @param signer the provider's key
	 */
	TokenBuilder(FakeTexas.Provider provider, Instant now, TokenSigner signer) {
		this.provider = provider;
		this.now = now;
		this.signer = signer;
		switch (provider) {
			case ENTRA_ID -> entraIdDefaults();
			case TOKENX -> citizenDefaults(FakeTexas.TOKENX_AUDIENCE, DEFAULT_USER_CONSUMER);
			case IDPORTEN -> citizenDefaults(FakeTexas.IDPORTEN_AUDIENCE, DEFAULT_IDPORTEN_CLIENT);
			case MASKINPORTEN -> maskinportenDefaults();
		}
	}

	private void entraIdDefaults() {
		this.claims.put("aud", FakeTexas.AUDIENCE);
		this.claims.put("iss", FakeTexas.ISSUER);
		this.claims.put("iat", this.now.getEpochSecond());
		this.claims.put("nbf", this.now.getEpochSecond());
		this.claims.put("exp", this.now.plus(Duration.ofHours(1)).getEpochSecond());
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

	/** TokenX (exchanged from an ID-porten login) and ID-porten tokens: the same citizen. */
	private void citizenDefaults(String audience, String clientId) {
		this.claims.put("iss", this.provider.issuer());
		this.claims.put("aud", audience);
		this.claims.put("sub", "kRd9hsE3dC0000000000000000000000000000000000");
		this.claims.put("iat", this.now.getEpochSecond());
		this.claims.put("nbf", this.now.getEpochSecond());
		this.claims.put("exp", this.now.plus(Duration.ofHours(1)).getEpochSecond());
		this.claims.put("pid", DEFAULT_PID);
		this.claims.put("acr", Level.HIGH.acr());
		this.claims.put("amr", List.of("BankID"));
		this.claims.put("client_id", clientId);
		this.claims.put("client_amr", (this.provider == FakeTexas.Provider.TOKENX) ? "private_key_jwt" : "none");
		if (this.provider == FakeTexas.Provider.TOKENX) {
			this.claims.put("idp", FakeTexas.IDPORTEN_ISSUER);
		}
		else {
			this.claims.put("scope", "openid");
			this.claims.put("token_type", "Bearer");
		}
		this.claims.put("jti", randomId());
	}

	/** An organisation's token: no person, no audience (unless audience-restricted), its scopes. */
	private void maskinportenDefaults() {
		this.claims.put("iss", FakeTexas.MASKINPORTEN_ISSUER);
		this.claims.put("scope", DEFAULT_MASKINPORTEN_SCOPE);
		this.claims.put("client_amr", "private_key_jwt");
		this.claims.put("token_type", "Bearer");
		this.claims.put("iat", this.now.getEpochSecond());
		this.claims.put("exp", this.now.plus(Duration.ofMinutes(2)).getEpochSecond());
		this.claims.put("client_id", MASKINPORTEN_CLIENT);
		this.claims.put("jti", randomId());
		organisation(DEFAULT_ORGANISATION);
	}

	/**
	 * The provider whose key signs the token and whose answer it gets from the fake.
	 * @return the provider
	 */
	public FakeTexas.Provider provider() {
		return this.provider;
	}

	/**
	 * Sets {@code groups}, the group object ids (none removes the claim, as Entra ID leaves it out).
	 * @param groupIds the group object ids
	 * @return this builder
	 */
	public TokenBuilder groups(String... groupIds) {
		only("groups", FakeTexas.Provider.ENTRA_ID);
		return list("groups", Arrays.asList(groupIds));
	}

	/**
	 * Sets {@code roles}, the app roles; an app-to-app token keeps {@value #ACCESS_AS_APPLICATION}.
	 * @param roles the roles
	 * @return this builder
	 */
	public TokenBuilder roles(String... roles) {
		only("roles", FakeTexas.Provider.ENTRA_ID);
		List<String> values = new ArrayList<>(Arrays.asList(roles));
		if (isApp() && !values.contains(ACCESS_AS_APPLICATION)) {
			values.add(0, ACCESS_AS_APPLICATION);
		}
		return list("roles", values);
	}

	/**
	 * Sets the scopes to exactly these, space-separated (none removes the claim): {@code scp} of an Entra
	 * ID token, {@code scope} of a Maskinporten or ID-porten token (a TokenX token has none).
	 * @param scopes the scopes
	 * @return this builder
	 */
	public TokenBuilder scopes(String... scopes) {
		only("scopes", FakeTexas.Provider.ENTRA_ID, FakeTexas.Provider.MASKINPORTEN, FakeTexas.Provider.IDPORTEN);
		String claim = (this.provider == FakeTexas.Provider.ENTRA_ID) ? "scp" : "scope";
		return claim(claim, (scopes.length > 0) ? String.join(" ", scopes) : null);
	}

	/**
	 * Sets {@code pid}, the citizen's national identity number (personal data: the starter never logs it).
	 * @param pid the national identity number
	 * @return this builder
	 */
	public TokenBuilder pid(String pid) {
		only("pid", FakeTexas.Provider.TOKENX, FakeTexas.Provider.IDPORTEN);
		return claim("pid", pid);
	}

	/**
	 * Sets {@code acr} to the level of assurance of the citizen's login.
	 * @param level the level
	 * @return this builder
	 */
	public TokenBuilder level(Level level) {
		return acr(level.acr());
	}

	/**
	 * Sets {@code acr} as given, e.g. the legacy {@code Level4} the platform still maps to, or a value the
	 * starter does not know.
	 * @param acr the value; {@code null} removes the claim
	 * @return this builder
	 */
	public TokenBuilder acr(@Nullable String acr) {
		only("acr", FakeTexas.Provider.TOKENX, FakeTexas.Provider.IDPORTEN);
		return claim("acr", acr);
	}

	/**
	 * Sets {@code consumer}, the calling organisation, as Maskinporten writes it:
	 * {@code {"authority":"iso6523-actorid-upis","ID":"0192:<orgno>"}}.
	 * @param organisationNumber the organisation's number (nine digits)
	 * @return this builder
	 */
	public TokenBuilder organisation(String organisationNumber) {
		only("organisation", FakeTexas.Provider.MASKINPORTEN);
		Map<String, String> consumer = new LinkedHashMap<>();
		consumer.put("authority", "iso6523-actorid-upis");
		consumer.put("ID", "0192:" + organisationNumber);
		return claim("consumer", consumer);
	}

	/**
	 * Sets {@code NAVident}.
	 * @param navIdent the employee's ident; {@code null} removes the claim
	 * @return this builder
	 */
	public TokenBuilder navIdent(@Nullable String navIdent) {
		only("navIdent", FakeTexas.Provider.ENTRA_ID);
		return claim("NAVident", navIdent);
	}

	/**
	 * Sets the calling application: {@code azp_name} ({@code cluster:namespace:app}) of an Entra ID token,
	 * {@code client_id} of a TokenX or ID-porten token. A Maskinporten caller is an
	 * {@link #organisation(String) organisation}.
	 * @param consumer the consumer's name
	 * @return this builder
	 */
	public TokenBuilder consumer(String consumer) {
		only("consumer", FakeTexas.Provider.ENTRA_ID, FakeTexas.Provider.TOKENX, FakeTexas.Provider.IDPORTEN);
		return claim((this.provider == FakeTexas.Provider.ENTRA_ID) ? "azp_name" : "client_id", consumer);
	}

	/**
	 * Makes it an app-to-app (client credentials) token: {@code idtyp=app}, {@code roles} holding
	 * {@value #ACCESS_AS_APPLICATION}, the caller {@value #DEFAULT_APP_CONSUMER}, and none of the user
	 * claims ({@code scp}, {@code groups}, {@code NAVident}, {@code name}, {@code preferred_username}).
	 * @return this builder
	 */
	public TokenBuilder app() {
		only("app", FakeTexas.Provider.ENTRA_ID);
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

	private void only(String setter, FakeTexas.Provider... providers) {
		if (!List.of(providers).contains(this.provider)) {
			throw new IllegalStateException(setter + "() sets a claim of " + List.of(providers)
					+ " tokens, and this is a " + this.provider + " token; use claim(name, value) for odd tokens");
		}
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

	/**
	 * A citizen's level of assurance ({@code acr}), as ID-porten writes it.
	 */
	public enum Level {

		/** {@code idporten-loa-substantial} (was {@code Level3}). */
		SUBSTANTIAL("idporten-loa-substantial"),

		/** {@code idporten-loa-high} (was {@code Level4}): BankID, Buypass, Commfides. */
		HIGH("idporten-loa-high");

		private final String acr;

		Level(String acr) {
			this.acr = acr;
		}

		/**
		 * The {@code acr} value.
		 * @return the value
		 */
		public String acr() {
			return this.acr;
		}

	}

}
