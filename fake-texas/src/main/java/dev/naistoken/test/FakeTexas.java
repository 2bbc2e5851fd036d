package dev.naistoken.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.naistoken.test.LoopbackHttpServer.Reply;

/**
 * A stand-in for the NAIS token introspection endpoint (the Texas sidecar) on a free loopback port:
 * what the starter is pointed at in tests and in the sample's local mode.
 * <p>
 * It speaks the endpoint's contract: {@code POST /api/v1/introspect} with a form or JSON body holding
 * {@code identity_provider} and {@code token}; HTTP 200 with {@code {"active":true, ...claims}} for a
 * token it issued ({@link #token()}) that is within its time bounds; HTTP 200 with
 * {@code {"active":false,"error":...}} and the real endpoint's reason for an expired, immature, foreign,
 * or malformed token; HTTP 400 {@code invalid_request} for a malformed request. It plays an application
 * with all four identity providers enabled ({@link Provider}): each has its own issuer ({@link
 * #issuer(Provider)}) and RSA key, so a token sent for another provider than its own is answered
 * {@code token can not be validated with this identity provider}, as the real endpoint answers it.
 * {@link #disable(Provider)} switches one off (its answer is then "not enabled"). Like the real endpoint it
 * keeps no state between calls, checks the RS256 signature on every call, and allows {@link #LEEWAY} for
 * clock skew.
 * <p>
 * For failure tests it can be made {@link #down()}, {@link #slow(Duration) slow}, {@link #failWith(int)
 * fail}, {@link #answerGarbage() answer garbage}, {@link #hang()}, {@link #resetConnections() reset
 * connections}, or refuse the provider ({@link #identityProviderNotEnabled()}); {@link #healthy()} undoes
 * it. {@link #answer(String, int, String)} scripts the answer to one token, for answers it would not give
 * by itself. {@link #calls()} counts the requests it received. It is lean enough to be the endpoint of a load
 * test (a small blocking HTTP/1.1 server with keep-alive, no framework).
 * <pre class="code">
 * try (FakeTexas texas = FakeTexas.start()) {
 *     String employee = texas.token().groups("6a1f3c2e-0000-4000-8000-000000000001").issue();
 *     String citizen = texas.tokenx().pid("12345678910").level(TokenBuilder.Level.HIGH).issue();
 *     String organisation = texas.maskinporten().organisation("889640782").scopes("nav:sample/cases.read").issue();
 *     // nais.token.introspection.endpoint = texas.endpoint()
 *     // nais.token.providers.tokenx.issuer = texas.issuer(Provider.TOKENX), ...
 * }
 * </pre>
 */
public final class FakeTexas implements AutoCloseable {

	/** The path the real endpoint serves introspection on. */
	public static final String PATH = "/api/v1/introspect";

	/** The clock skew the endpoint allows on {@code exp}, {@code nbf} and {@code iat}. */
	public static final Duration LEEWAY = Duration.ofSeconds(60);

	/** The Entra ID tenant of the tokens it issues. */
	public static final String TENANT_ID = "966ac572-f5b7-4bbe-aa88-c76419c0f851";

	/** The Entra ID issuer it accepts, Entra ID's v2.0 issuer of {@link #TENANT_ID}. */
	public static final String ISSUER = "https://login.microsoftonline.com/" + TENANT_ID + "/v2.0";

	/** The Entra ID audience it accepts: the client id of the application under test. */
	public static final String AUDIENCE = "8a5e2b1c-0000-4000-8000-00000000aaaa";

	/** The TokenX issuer it accepts (dev-gcp's). */
	public static final String TOKENX_ISSUER = "https://tokenx.dev-gcp.nav.cloud.nais.io";

	/** The TokenX audience it accepts: the application under test as {@code cluster:namespace:app}. */
	public static final String TOKENX_AUDIENCE = "dev-gcp:team-a:api";

	/** The ID-porten issuer it accepts (the test environment's). */
	public static final String IDPORTEN_ISSUER = "https://test.idporten.no";

	/** The ID-porten audience it accepts. */
	public static final String IDPORTEN_AUDIENCE = "dev-gcp:team-a:api";

	/** The Maskinporten issuer it accepts (the test environment's); Maskinporten has no audience check. */
	public static final String MASKINPORTEN_ISSUER = "https://test.maskinporten.no/";

	/**
	 * The identity providers Texas knows, as sent in {@code identity_provider}: Texas's own list, not the
	 * starter's (the fake depends on nothing of the starter). The one copy in test code; a test of the
	 * starter holds it equal to the starter's {@code IdentityProvider} and to the contract data.
	 */
	static final List<String> IDENTITY_PROVIDERS = List.of("azuread", "entra_id", "tokenx", "idporten",
			"maskinporten");

	private static final String JSON = "application/json";

	private static final Reply GARBAGE = new Reply.Answer(200, "text/html",
			"<html><body>Service temporarily unavailable</body></html>".getBytes(StandardCharsets.UTF_8));

	private static final Reply NOT_FOUND = new Reply.Answer(404, "text/plain",
			"not found".getBytes(StandardCharsets.UTF_8));

	private static final Reply METHOD_NOT_ALLOWED = new Reply.Answer(405, "text/plain", new byte[0]);

	private final LoopbackHttpServer server;

	private final Map<Provider, TokenSigner> signers = new ConcurrentHashMap<>();

	private final Map<Provider, TokenVerifier> verifiers = new EnumMap<>(Provider.class);

	private final Set<Provider> disabled = ConcurrentHashMap.newKeySet();

	private final Clock initialClock;

	private final AtomicLong calls = new AtomicLong();

	private final Map<String, Reply> inactiveAnswers = new ConcurrentHashMap<>();

	private final Map<String, Reply> scriptedAnswers = new ConcurrentHashMap<>();

	private final Object faults = new Object();

	private volatile Clock clock;

	private volatile Fault fault = Fault.NONE;

	private volatile int failureStatus;

	private volatile long delayNanos;

	private FakeTexas(Builder builder) {
		this.initialClock = builder.clock;
		this.clock = builder.clock;
		for (Provider provider : Provider.values()) {
			this.verifiers.put(provider, new TokenVerifier(provider, () -> this.signers.get(provider)));
		}
		this.server = new LoopbackHttpServer(builder.port, builder.maxConnections, Duration.ofSeconds(30),
				this::handle);
		try {
			this.server.listen();
		}
		catch (IOException ex) {
			this.server.close();
			throw new UncheckedIOException("Could not bind the fake introspection endpoint to 127.0.0.1:" + builder.port,
					ex);
		}
	}

	/**
	 * Starts a fake endpoint on a free loopback port.
	 * @return the running endpoint; {@link #close()} it when done
	 */
	public static FakeTexas start() {
		return builder().start();
	}

	/**
	 * Options for a fake endpoint: port, connection limit, clock.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The URL to set as {@code nais.token.introspection.endpoint}.
	 * @return {@code http://127.0.0.1:<port>/api/v1/introspect}
	 */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + port() + PATH);
	}

	/**
	 * The loopback port it listens on (the same after {@link #down()} and {@link #healthy()}).
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * An Entra ID token for a user, from realistic defaults, that this endpoint will call active until
	 * it expires; tokens it did not issue are invalid to it.
	 * @return a builder; {@link TokenBuilder#issue()} gives the token
	 */
	public TokenBuilder token() {
		return token(Provider.ENTRA_ID);
	}

	/**
	 * A token of this provider, from realistic defaults (see {@link TokenBuilder}), signed with the
	 * provider's key: active to this endpoint when sent for that provider, until it expires.
	 * @param provider the provider
	 * @return a builder; {@link TokenBuilder#issue()} gives the token
	 */
	public TokenBuilder token(Provider provider) {
		return new TokenBuilder(provider, this.clock.instant(), signer(provider));
	}

	/**
	 * A citizen's TokenX token, as a citizen frontend sends it on the citizen's behalf: {@code pid},
	 * {@code acr} level high, the frontend as {@code client_id}.
	 * @return a builder; {@link TokenBuilder#issue()} gives the token
	 */
	public TokenBuilder tokenx() {
		return token(Provider.TOKENX);
	}

	/**
	 * A citizen's ID-porten token, sent directly by the citizen's client: {@code pid}, {@code acr} level
	 * high.
	 * @return a builder; {@link TokenBuilder#issue()} gives the token
	 */
	public TokenBuilder idporten() {
		return token(Provider.IDPORTEN);
	}

	/**
	 * An organisation's Maskinporten token: {@code consumer} (the organisation) and {@code scope}.
	 * @return a builder; {@link TokenBuilder#issue()} gives the token
	 */
	public TokenBuilder maskinporten() {
		return token(Provider.MASKINPORTEN);
	}

	/**
	 * The issuer it accepts for a provider: the value the platform would put in the provider's variable
	 * ({@link Provider#issuerVariable()}), and what {@code nais.token.providers.<name>.issuer} is set to
	 * in tests.
	 * @param provider the provider
	 * @return the issuer
	 */
	public String issuer(Provider provider) {
		return provider.issuer();
	}

	/**
	 * Switches a provider off, as for an application whose manifest does not enable it: every token sent
	 * for it is answered {@code identity provider '<name>' is not enabled}. {@link #reset()} switches it
	 * on again.
	 * @param provider the provider
	 * @return this endpoint
	 */
	public FakeTexas disable(Provider provider) {
		this.disabled.add(provider);
		return this;
	}

	/**
	 * Switches a provider on again after {@link #disable(Provider)}.
	 * @param provider the provider
	 * @return this endpoint
	 */
	public FakeTexas enable(Provider provider) {
		this.disabled.remove(provider);
		return this;
	}

	/**
	 * Whether a provider is served (every provider is, until {@link #disable(Provider) disabled}).
	 * @param provider the provider
	 * @return {@code true} when its tokens are judged
	 */
	public boolean isEnabled(Provider provider) {
		return !this.disabled.contains(provider);
	}

	/** The provider's key, made on first use: an RSA key pair costs tens of milliseconds to generate. */
	TokenSigner signer(Provider provider) {
		return this.signers.computeIfAbsent(provider, (key) -> new TokenSigner());
	}

	/**
	 * The number of introspection requests received since start or {@link #reset()}, answered or not.
	 * @return the count
	 */
	public long calls() {
		return this.calls.get();
	}

	/**
	 * The number of TCP connections accepted since start: with keep-alive far fewer than {@link #calls()}.
	 * @return the count
	 */
	public long connectionsAccepted() {
		return this.server.connectionsAccepted();
	}

	/**
	 * The clock that decides whether a token has expired and stamps new tokens.
	 * @return the clock
	 */
	public Clock clock() {
		return this.clock;
	}

	/**
	 * Replaces the clock, e.g. with one an hour ahead to see tokens expire; {@link #reset()} restores it.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		this.clock = clock;
	}

	/** Refuses connections and drops the open ones, as a crashed sidecar. */
	public void down() {
		this.server.stopListening();
	}

	/**
	 * Waits this long before every answer (in addition to any other fault).
	 * @param delay the delay
	 */
	public void slow(Duration delay) {
		this.delayNanos = delay.toNanos();
	}

	/**
	 * Answers every request with this status and a plain-text body.
	 * @param status an HTTP status, e.g. 500 or 502 (the starter answers 503: the endpoint is in trouble),
	 * or 401, 403, 404, 405 or 415 (the starter answers 500: it is pointed at something that is not the
	 * platform's endpoint)
	 */
	public void failWith(int status) {
		this.failureStatus = status;
		setFault(Fault.STATUS);
	}

	/** Answers every request with HTTP 200 and an HTML page instead of JSON. */
	public void answerGarbage() {
		setFault(Fault.GARBAGE);
	}

	/** Reads every request and never answers (until {@link #healthy()}, which closes those connections). */
	public void hang() {
		setFault(Fault.HANG);
	}

	/** Reads every request, then resets the connection (TCP RST) without an answer. */
	public void resetConnections() {
		setFault(Fault.RESET);
	}

	/**
	 * Answers every token with {@code identity provider '<provider>' is not enabled}, as for an
	 * application whose manifest does not enable the identity provider it sends.
	 */
	public void identityProviderNotEnabled() {
		setFault(Fault.NOT_ENABLED);
	}

	/**
	 * Answers requests carrying this token with exactly this status and JSON body instead of judging the
	 * token, whatever provider they name: for answers the fake would not give by itself (a claim set from
	 * the contract data, a 502 for one token). {@link #reset()} forgets them.
	 * @param token the token
	 * @param status the HTTP status
	 * @param body the body, sent as {@code application/json}
	 * @return this endpoint
	 */
	public FakeTexas answer(String token, int status, String body) {
		return answer(token, status, body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * {@link #answer(String, int, String)} with a body sent byte for byte (for broken answers).
	 * @param token the token
	 * @param status the HTTP status
	 * @param body the body, sent as {@code application/json}
	 * @return this endpoint
	 */
	public FakeTexas answer(String token, int status, byte[] body) {
		this.scriptedAnswers.put(token, new Reply.Answer(status, JSON, body.clone()));
		return this;
	}

	/**
	 * A loopback URL at the introspection path where nothing listens, for a sidecar that is not there.
	 * @return the URL; connections to it are refused
	 */
	public static URI unreachableEndpoint() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return URI.create("http://127.0.0.1:" + socket.getLocalPort() + PATH);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free loopback port", ex);
		}
	}

	/** Undoes every fault: listening again on the same port, answering at once and correctly. */
	public void healthy() {
		this.delayNanos = 0;
		setFault(Fault.NONE);
		try {
			this.server.listen();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not listen on 127.0.0.1:" + port() + " again", ex);
		}
	}

	/**
	 * {@link #healthy()}, the call count back to zero, no scripted answers, every provider enabled, and the
	 * clock it started with.
	 */
	public void reset() {
		healthy();
		this.calls.set(0);
		this.scriptedAnswers.clear();
		this.disabled.clear();
		this.clock = this.initialClock;
	}

	/** Stops listening and closes every connection; the port is free again. */
	@Override
	public void close() {
		setFault(Fault.NONE);
		this.server.close();
	}

	private void setFault(Fault fault) {
		synchronized (this.faults) {
			this.fault = fault;
			this.faults.notifyAll();
		}
	}

	private Reply handle(LoopbackHttpServer.Request request) throws InterruptedException {
		String path = request.target();
		int query = path.indexOf('?');
		if (!PATH.equals((query >= 0) ? path.substring(0, query) : path)) {
			return NOT_FOUND;
		}
		if (!"POST".equals(request.method())) {
			return METHOD_NOT_ALLOWED;
		}
		this.calls.incrementAndGet();
		long delay = this.delayNanos;
		if (delay > 0) {
			TimeUnit.NANOSECONDS.sleep(delay);
		}
		switch (this.fault) {
			case STATUS:
				return new Reply.Answer(this.failureStatus, "text/plain",
						"internal error".getBytes(StandardCharsets.UTF_8));
			case GARBAGE:
				return GARBAGE;
			case RESET:
				return Reply.RESET;
			case HANG:
				synchronized (this.faults) {
					while (this.fault == Fault.HANG) {
						this.faults.wait();
					}
				}
				return Reply.CLOSE;
			default:
				return introspect(request);
		}
	}

	private Reply introspect(LoopbackHttpServer.Request request) {
		Map<String, String> fields;
		try {
			fields = fields(request);
		}
		catch (InvalidRequest ex) {
			return invalidRequest(ex.getMessage());
		}
		String provider = fields.get("identity_provider");
		String token = fields.get("token");
		Reply scripted = (token != null && !this.scriptedAnswers.isEmpty()) ? this.scriptedAnswers.get(token) : null;
		if (scripted != null) {
			return scripted;
		}
		if (provider == null || provider.isEmpty()) {
			return invalidRequest("missing identity_provider");
		}
		if (token == null) {
			return invalidRequest("missing token");
		}
		Provider known = Provider.of(provider);
		if (known == null) {
			return invalidRequest("invalid identity provider");
		}
		if (this.fault == Fault.NOT_ENABLED || this.disabled.contains(known)) {
			return inactive("identity provider '" + provider + "' is not enabled");
		}
		TokenVerifier.Verdict verdict = this.verifiers.get(known).verify(token, this.clock.instant().getEpochSecond());
		return (verdict.activeBody() != null) ? new Reply.Answer(200, JSON, verdict.activeBody())
				: inactive(verdict.reason());
	}

	private Map<String, String> fields(LoopbackHttpServer.Request request) throws InvalidRequest {
		String contentType = request.contentType();
		String mediaType = (contentType != null) ? contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT) : "";
		if ("application/x-www-form-urlencoded".equals(mediaType)) {
			return formFields(new String(request.body(), StandardCharsets.UTF_8));
		}
		if (JSON.equals(mediaType)) {
			return jsonFields(request.body());
		}
		throw new InvalidRequest("unsupported content type, expected application/json or "
				+ "application/x-www-form-urlencoded");
	}

	private static Map<String, String> formFields(String body) throws InvalidRequest {
		Map<String, String> fields = new HashMap<>(4);
		try {
			for (String pair : body.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					fields.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
				}
			}
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequest("malformed form body");
		}
		return fields;
	}

	private static Map<String, String> jsonFields(byte[] body) throws InvalidRequest {
		JsonNode json;
		try {
			json = TokenBuilder.JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidRequest("malformed JSON body");
		}
		if (json == null || !json.isObject()) {
			throw new InvalidRequest("malformed JSON body");
		}
		Map<String, String> fields = new HashMap<>(4);
		for (String name : List.of("identity_provider", "token")) {
			JsonNode value = json.get(name);
			if (value != null && !value.isNull()) {
				if (!value.isString()) {
					throw new InvalidRequest(name + " must be a string");
				}
				fields.put(name, value.asString());
			}
		}
		return fields;
	}

	private Reply invalidRequest(String description) {
		return new Reply.Answer(400, JSON, TokenBuilder.JSON
			.writeValueAsBytes(Map.of("error", "invalid_request", "error_description", description)));
	}

	private Reply inactive(String reason) {
		return this.inactiveAnswers.computeIfAbsent(reason, (key) -> new Reply.Answer(200, JSON,
				TokenBuilder.JSON.writeValueAsBytes(Map.of("active", false, "error", key))));
	}

	/**
	 * The identity providers the fake serves, each with its issuer, its audience and the platform's
	 * variable that carries its issuer.
	 */
	public enum Provider {

		/** Entra ID (sent as {@code azuread} or {@code entra_id}): employees and applications. */
		ENTRA_ID("entra_id", "entra-id", "AZURE_OPENID_CONFIG_ISSUER", ISSUER, AUDIENCE),

		/** TokenX: citizens, through a frontend that exchanged their login. */
		TOKENX("tokenx", "tokenx", "TOKEN_X_ISSUER", TOKENX_ISSUER, TOKENX_AUDIENCE),

		/** ID-porten: citizens, directly. */
		IDPORTEN("idporten", "idporten", "IDPORTEN_ISSUER", IDPORTEN_ISSUER, IDPORTEN_AUDIENCE),

		/** Maskinporten: organisations. */
		MASKINPORTEN("maskinporten", "maskinporten", "MASKINPORTEN_ISSUER", MASKINPORTEN_ISSUER, null);

		private final String identityProvider;

		private final String propertyName;

		private final String issuerVariable;

		private final String issuer;

		private final @Nullable String audience;

		Provider(String identityProvider, String propertyName, String issuerVariable, String issuer,
				@Nullable String audience) {
			this.identityProvider = identityProvider;
			this.propertyName = propertyName;
			this.issuerVariable = issuerVariable;
			this.issuer = issuer;
			this.audience = audience;
		}

		/**
		 * The provider as sent in {@code identity_provider} ({@code entra_id} for Entra ID, which also
		 * answers to {@code azuread}).
		 * @return the name
		 */
		public String identityProvider() {
			return this.identityProvider;
		}

		/**
		 * The provider's name in the starter's properties: {@code nais.token.providers.<name>.issuer}.
		 * @return {@code entra-id}, {@code tokenx}, {@code idporten} or {@code maskinporten}
		 */
		public String propertyName() {
			return this.propertyName;
		}

		/**
		 * The environment variable the platform puts the provider's issuer in.
		 * @return e.g. {@code TOKEN_X_ISSUER}
		 */
		public String issuerVariable() {
			return this.issuerVariable;
		}

		/**
		 * The issuer the fake accepts for the provider.
		 * @return the issuer
		 */
		public String issuer() {
			return this.issuer;
		}

		/**
		 * The audience the fake requires of the provider's tokens, or {@code null} (Maskinporten).
		 * @return the audience
		 */
		public @Nullable String audience() {
			return this.audience;
		}

		/**
		 * The provider an {@code identity_provider} value names.
		 * @param identityProvider the value as sent
		 * @return the provider, or {@code null} for a value the endpoint does not know
		 */
		static @Nullable Provider of(String identityProvider) {
			if ("azuread".equals(identityProvider)) {
				return ENTRA_ID;
			}
			for (Provider provider : values()) {
				if (provider.identityProvider.equals(identityProvider)) {
					return provider;
				}
			}
			return null;
		}

	}

	private enum Fault {

		NONE, STATUS, GARBAGE, HANG, RESET, NOT_ENABLED

	}

	private static final class InvalidRequest extends Exception {

		private static final long serialVersionUID = 1L;

		InvalidRequest(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * Options for a {@link FakeTexas}.
	 */
	public static final class Builder {

		private int port;

		private int maxConnections = 256;

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		/**
		 * The loopback port; 0 (the default) takes a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * How many connections are served at once (one thread each); more wait in line. Default 256.
		 * @param maxConnections the limit
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			if (maxConnections < 1) {
				throw new IllegalArgumentException("maxConnections must be at least 1");
			}
			this.maxConnections = maxConnections;
			return this;
		}

		/**
		 * The clock that stamps tokens and decides expiry. Default: the system clock.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Starts the endpoint.
		 * @return the running endpoint
		 * @throws UncheckedIOException when the port cannot be bound
		 */
		public FakeTexas start() {
			return new FakeTexas(this);
		}

	}

}
