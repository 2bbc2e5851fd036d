package dev.naistoken.test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectionClient;
import dev.naistoken.introspection.IntrospectionResponseReader;
import dev.naistoken.introspection.IntrospectionResult;
import dev.naistoken.introspection.RequestFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The fake endpoint against the contract data ({@code contract/texas-contract.json}): the request forms
 * it accepts, the reasons it gives, the shape of its answers, and what the starter's own client and
 * reader make of them.
 */
class FakeTexasContractTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static JsonNode contract;

	private final FakeTexas texas = FakeTexas.start();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@BeforeAll
	static void readContract() throws Exception {
		try (InputStream in = FakeTexasContractTests.class.getResourceAsStream("/contract/texas-contract.json")) {
			assertThat(in).as("contract/texas-contract.json on the test classpath").isNotNull();
			contract = json.readTree(in);
		}
	}

	@AfterEach
	void close() {
		this.texas.close();
	}

	static List<String[]> formatsAndEntraIdProviders() {
		List<String[]> cases = new ArrayList<>();
		for (String format : List.of("form", "json")) {
			for (String provider : List.of("azuread", "entra_id")) {
				cases.add(new String[] { format, provider });
			}
		}
		return cases;
	}

	static List<Object[]> formatsAndProviders() {
		List<Object[]> cases = new ArrayList<>();
		for (String format : List.of("form", "json")) {
			for (FakeTexas.Provider provider : FakeTexas.Provider.values()) {
				cases.add(new Object[] { format, provider });
			}
		}
		return cases;
	}

	@ParameterizedTest(name = "{0} request, {1}")
	@MethodSource("formatsAndProviders")
	void eachProvidersTokenIsActiveForItsOwnProviderAndForNoOther(String format, FakeTexas.Provider provider)
			throws Exception {
		TokenBuilder builder = this.texas.token(provider);
		String token = builder.issue();

		JsonNode body = json.readTree(postContractRequest(format, provider.identityProvider(), token).body());

		assertThat(body.get("active").asBoolean()).isTrue();
		assertThat(body.get("iss").asString()).isEqualTo(this.texas.issuer(provider))
			.isEqualTo(contract.get("providers").get(provider.identityProvider()).get("issuer").asString());
		assertThat(body.size()).isEqualTo(builder.claims().size() + 1);
		for (String other : contract.get("requests").get("identityProviders").valueStream().map(JsonNode::asString)
			.toList()) {
			if (FakeTexas.Provider.of(other) != provider) {
				assertThat(json.readTree(postContractRequest(format, other, token).body())).as(other)
					.isEqualTo(inactiveBody(reason("wrongProvider")));
			}
		}
	}

	@Test
	void theFakesProvidersAreTheContractsWithTheirIssuersAndAudiences() {
		JsonNode providers = contract.get("providers");
		assertThat(providers.propertyNames()).containsExactlyElementsOf(
				List.of(FakeTexas.Provider.values()).stream().map(FakeTexas.Provider::identityProvider).toList());
		for (FakeTexas.Provider provider : FakeTexas.Provider.values()) {
			JsonNode expected = providers.get(provider.identityProvider());
			assertThat(provider.issuer()).as(provider.name()).isEqualTo(expected.get("issuer").asString());
			assertThat(provider.audience()).as(provider.name()).isEqualTo(expected.get("audience").asString(null));
			assertThat(provider.issuerVariable()).as(provider.name())
				.isEqualTo(expected.get("issuerVariable").asString());
			assertThat(provider.propertyName()).as(provider.name()).isEqualTo(expected.get("property").asString());
			assertThat(expected.get("identityProviders").valueStream().map(JsonNode::asString))
				.allSatisfy((name) -> assertThat(FakeTexas.Provider.of(name)).isEqualTo(provider));
		}
	}

	@Test
	void tokensAreSignedWithRs256UnderEachProvidersOwnKey() {
		List<String> keyIds = new ArrayList<>();
		for (FakeTexas.Provider provider : FakeTexas.Provider.values()) {
			JsonNode header = json.readTree(Base64.getUrlDecoder().decode(this.texas.token(provider).issue().split("\\.")[0]));
			assertThat(header.get("alg").asString()).isEqualTo("RS256");
			keyIds.add(header.get("kid").asString());
		}
		assertThat(keyIds).doesNotHaveDuplicates();
	}

	@Test
	void anotherAlgorithmIsRefused() throws Exception {
		String[] parts = this.texas.token().issue().split("\\.");
		JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
		String hs256 = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("{\"alg\":\"HS256\",\"kid\":\"" + header.get("kid").asString() + "\"}")
				.getBytes(StandardCharsets.UTF_8));
		assertInactive(hs256 + "." + parts[1] + "." + parts[2], "algorithm");
	}

	@Test
	void aTokenSignedWithTheProvidersKeyButAnotherIssuerIsInvalidIssuer() throws Exception {
		String token = this.texas.tokenx().claim("iss", FakeTexas.ISSUER).issue();

		assertThat(json.readTree(postContractRequest("form", "tokenx", token).body()))
			.isEqualTo(inactiveBody(reason("issuer")));
		assertThat(json.readTree(postContractRequest("form", "azuread", token).body()))
			.isEqualTo(inactiveBody(reason("wrongProvider")));
	}

	@Test
	void maskinportenChecksNoAudienceTheOthersDo() throws Exception {
		for (FakeTexas.Provider provider : FakeTexas.Provider.values()) {
			String token = this.texas.token(provider).claim("aud", "https://another.example/api").issue();

			JsonNode body = json.readTree(postContractRequest("json", provider.identityProvider(), token).body());

			if (provider == FakeTexas.Provider.MASKINPORTEN) {
				assertThat(body.get("active").asBoolean()).isTrue();
			}
			else {
				assertThat(body).as(provider.name()).isEqualTo(inactiveBody(reason("audience")));
			}
		}
	}

	@Test
	void citizenAndOrganisationTokensCarryTheirProvidersClaims() {
		Map<String, Object> citizen = this.texas.tokenx().pid("01017012345").level(TokenBuilder.Level.SUBSTANTIAL)
			.consumer("dev-gcp:team-c:nav-frontend").claims();
		Map<String, Object> organisation = this.texas.maskinporten().organisation("974761076")
			.scopes("nav:sample/cases.read", "nav:sample/cases.write").claims();
		Map<String, Object> direct = this.texas.idporten().acr("Level4").claims();

		assertThat(citizen).containsEntry("pid", "01017012345").containsEntry("acr", "idporten-loa-substantial")
			.containsEntry("client_id", "dev-gcp:team-c:nav-frontend").containsEntry("aud", FakeTexas.TOKENX_AUDIENCE)
			.doesNotContainKeys("groups", "scp", "NAVident", "azp_name");
		assertThat(organisation).containsEntry("scope", "nav:sample/cases.read nav:sample/cases.write")
			.containsEntry("consumer", Map.of("authority", "iso6523-actorid-upis", "ID", "0192:974761076"))
			.doesNotContainKeys("aud", "pid", "acr", "nbf", "scp");
		assertThat(direct).containsEntry("acr", "Level4").containsEntry("pid", TokenBuilder.DEFAULT_PID)
			.containsEntry("iss", FakeTexas.IDPORTEN_ISSUER);
	}

	@Test
	void aProvidersSettersRefuseATokenOfAnotherProvider() {
		assertThatIllegalStateException().isThrownBy(() -> this.texas.tokenx().groups("6a1f3c2e-0000-4000-8000-000000000001"))
			.withMessageContaining("groups()").withMessageContaining("TOKENX");
		assertThatIllegalStateException().isThrownBy(() -> this.texas.token().pid("12345678910"));
		assertThatIllegalStateException().isThrownBy(() -> this.texas.idporten().organisation("889640782"));
		assertThatIllegalStateException().isThrownBy(() -> this.texas.maskinporten().level(TokenBuilder.Level.HIGH));
		assertThatIllegalStateException().isThrownBy(() -> this.texas.tokenx().scopes("x"));
	}

	@Test
	void aDisabledProviderAnswersNotEnabledWhileTheOthersServe() throws Exception {
		String citizen = this.texas.tokenx().issue();
		String employee = this.texas.token().issue();

		this.texas.disable(FakeTexas.Provider.TOKENX);

		assertThat(json.readTree(postContractRequest("form", "tokenx", citizen).body()))
			.isEqualTo(inactiveBody(reason("providerNotEnabled").replace("${identity_provider}", "tokenx")));
		assertThat(json.readTree(postContractRequest("form", "azuread", employee).body()).get("active").asBoolean())
			.isTrue();
		assertThat(introspectWithTheStarter(RequestFormat.FORM, IdentityProvider.TOKENX, citizen))
			.isInstanceOf(IntrospectionResult.Misconfigured.class);

		this.texas.disable(FakeTexas.Provider.ENTRA_ID);
		for (String name : List.of("azuread", "entra_id")) {
			assertThat(json.readTree(postContractRequest("json", name, employee).body()))
				.isEqualTo(inactiveBody(reason("providerNotEnabled").replace("${identity_provider}", name)));
		}

		this.texas.reset();
		assertThat(this.texas.isEnabled(FakeTexas.Provider.TOKENX)).isTrue();
		assertThat(json.readTree(postContractRequest("form", "tokenx", citizen).body()).get("active").asBoolean())
			.isTrue();
	}

	@ParameterizedTest(name = "{0} request, {1}")
	@MethodSource("formatsAndEntraIdProviders")
	void answersAnIssuedTokenWithItsClaimsFlatBesideActive(String format, String provider) throws Exception {
		TokenBuilder builder = this.texas.token().groups("6a1f3c2e-0000-4000-8000-000000000001");
		String token = builder.issue();

		HttpResponse<String> response = postContractRequest(format, provider, token);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("active").isBoolean()).isTrue();
		assertThat(body.get("active").asBoolean()).isTrue();
		assertThat(body.has("error")).isFalse();
		JsonNode claims = json.readTree(json.writeValueAsString(builder.claims()));
		claims.properties().forEach((claim) -> assertThat(body.get(claim.getKey())).as(claim.getKey())
			.isEqualTo(claim.getValue()));
		assertThat(body.size()).isEqualTo(claims.size() + 1);
	}

	@Test
	void reproducesTheContractsActiveAnswersForTokensWithTheirClaims() throws Exception {
		for (JsonNode expected : activeResponses()) {
			FakeTexas.Provider provider = FakeTexas.Provider.of(expected.path("provider").asString("azuread"));
			TokenBuilder builder = this.texas.token(provider);
			builder.claims().keySet().forEach((claim) -> builder.claim(claim, null));
			expected.get("body").properties().stream()
				.filter((claim) -> !claim.getKey().equals("active"))
				.forEach((claim) -> builder.claim(claim.getKey(), json.treeToValue(claim.getValue(), Object.class)));

			HttpResponse<String> response = postContractRequest("form", provider.identityProvider(), builder.issue());

			assertThat(response.statusCode()).as(expected.get("name").asString()).isEqualTo(200);
			assertThat(json.readTree(response.body())).as(expected.get("name").asString())
				.isEqualTo(expected.get("body"));
		}
	}

	@Test
	void theStartersClientAndReaderSeeAnIssuedTokenAsActive() {
		String token = this.texas.token().groups("6a1f3c2e-0000-4000-8000-000000000001").navIdent("Z123456").issue();

		for (RequestFormat format : RequestFormat.values()) {
			IntrospectionResult result = introspectWithTheStarter(format, IdentityProvider.ENTRA_ID, token);

			assertThat(result).isInstanceOfSatisfying(IntrospectionResult.Active.class, (active) -> {
				assertThat(principal(active).groups()).containsExactly("6a1f3c2e-0000-4000-8000-000000000001");
				assertThat(principal(active).navIdent()).isEqualTo("Z123456");
				assertThat(principal(active).getExpiresAt()).isAfter(Instant.now());
			});
		}
	}

	@Test
	void appToAppTokensCarryTheAppClaims() {
		String token = this.texas.token().app().roles("cases.sync").issue();

		IntrospectionResult result = introspectWithTheStarter(RequestFormat.FORM, IdentityProvider.AZUREAD, token);

		assertThat(result).isInstanceOfSatisfying(IntrospectionResult.Active.class, (active) -> {
			assertThat(principal(active).isApp()).isTrue();
			assertThat(principal(active).roles()).containsExactly("access_as_application", "cases.sync");
			assertThat(principal(active).groups()).isEmpty();
			assertThat(principal(active).scopes()).isEmpty();
			assertThat(principal(active).navIdent()).isNull();
			assertThat(principal(active).consumer()).isEqualTo(TokenBuilder.DEFAULT_APP_CONSUMER);
		});
	}

	@Test
	void expiredToken() throws Exception {
		assertInactive(this.texas.token().expired().issue(), "expired");
	}

	@Test
	void tokenNotYetValid() throws Exception {
		assertInactive(this.texas.token().notBefore(Instant.now().plus(Duration.ofMinutes(5))).issue(), "immature");
	}

	@Test
	void tokenForAnotherApplication() throws Exception {
		assertInactive(this.texas.token().claim("aud", "another-client-id").issue(), "audience");
	}

	@Test
	void tokenFromAnotherIssuer() throws Exception {
		assertInactive(this.texas.token().claim("iss", "https://tokenx.example/").issue(), "issuer");
	}

	@Test
	void tokenWithoutIssuer() throws Exception {
		assertInactive(this.texas.token().claim("iss", null).issue(), "missingIss");
	}

	@Test
	void tokenIssuedElsewhereIsUnknown() throws Exception {
		try (FakeTexas other = FakeTexas.start()) {
			// Its key id is in no key set of this endpoint, as a forged token's is in none of the real one's.
			assertInactive(other.token().issue(), "wrongProvider");
		}
	}

	@Test
	void tamperedTokenIsUnknown() throws Exception {
		String[] parts = this.texas.token().issue().split("\\.");
		String payload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("{\"iss\":\"" + FakeTexas.ISSUER + "\",\"exp\":4102444800,\"iat\":1730977293,"
					+ "\"groups\":[\"6a1f3c2e-0000-4000-8000-000000000002\"]}")
				.getBytes(StandardCharsets.UTF_8));
		assertInactive(parts[0] + "." + payload + "." + parts[2], "signature");
	}

	@Test
	void somethingThatIsNotAJwt() throws Exception {
		assertInactive("not-a-jwt", "notJwt");
		assertInactive("a.b.c", "notJwt");
	}

	@Test
	void jwtWithoutKeyId() throws Exception {
		String[] parts = this.texas.token().issue().split("\\.");
		String header = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		assertInactive(header + "." + parts[1] + "." + parts[2], "missingKid");
	}

	@Test
	void allowsSixtySecondsOfClockSkewOnExpiry() throws Exception {
		Instant now = Instant.now();
		String token = this.texas.token().expiresAt(now.plus(Duration.ofMinutes(10))).issue();

		this.texas.setClock(Clock.fixed(now.plus(Duration.ofMinutes(10)).plusSeconds(50), Clock.systemUTC().getZone()));
		assertThat(json.readTree(postContractRequest("form", "azuread", token).body()).get("active").asBoolean())
			.isTrue();

		this.texas.setClock(Clock.fixed(now.plus(Duration.ofMinutes(10)).plusSeconds(70), Clock.systemUTC().getZone()));
		assertInactive(token, "expired");

		this.texas.reset();
		assertThat(json.readTree(postContractRequest("form", "azuread", token).body()).get("active").asBoolean())
			.isTrue();
	}

	@Test
	void identityProviderNotEnabledIsAMisconfigurationToTheStarter() throws Exception {
		this.texas.identityProviderNotEnabled();

		HttpResponse<String> response = postContractRequest("form", "entra_id", this.texas.token().issue());

		assertThat(json.readTree(response.body()))
			.isEqualTo(inactiveBody(reason("providerNotEnabled").replace("${identity_provider}", "entra_id")));
		assertThat(introspectWithTheStarter(RequestFormat.FORM, IdentityProvider.ENTRA_ID, this.texas.token().issue()))
			.isInstanceOf(IntrospectionResult.Misconfigured.class);
	}

	@Test
	void malformedRequestsGet400InvalidRequest() throws Exception {
		String token = this.texas.token().issue();
		List<HttpResponse<String>> responses = List.of(
				post("application/x-www-form-urlencoded", "identity_provider=github&token=" + token),
				post("application/json", "{\"identity_provider\":\"facebook\",\"token\":\"" + token + "\"}"),
				post("application/x-www-form-urlencoded", "identity_provider=azuread"),
				post("application/x-www-form-urlencoded", "token=" + token),
				post("application/json", "{\"token\":\"" + token + "\"}"),
				post("application/json", "{\"identity_provider\":\"azuread\",\"token\":42}"),
				post("application/json", "{\"identity_provider\":\"azuread\","),
				post("text/plain", "identity_provider=azuread&token=" + token),
				post(null, "identity_provider=azuread&token=" + token));

		for (HttpResponse<String> response : responses) {
			assertThat(response.statusCode()).isEqualTo(400);
			JsonNode body = json.readTree(response.body());
			assertThat(body.get("error").asString()).isEqualTo("invalid_request");
			assertThat(body.get("error_description").isString()).isTrue();
			assertThat(new IntrospectionResponseReader().read(400, response.body().getBytes(StandardCharsets.UTF_8),
					IdentityProvider.AZUREAD))
				.isInstanceOf(IntrospectionResult.Misconfigured.class);
		}
	}

	@Test
	void charsetSuffixOnContentTypeIsAccepted() throws Exception {
		HttpResponse<String> response = post("application/x-www-form-urlencoded; charset=utf-8",
				"identity_provider=azuread&token=" + this.texas.token().issue());

		assertThat(json.readTree(response.body()).get("active").asBoolean()).isTrue();
	}

	@Test
	void servesOnlyPostOnTheIntrospectionPath() throws Exception {
		HttpResponse<String> get = this.http.send(HttpRequest.newBuilder(this.texas.endpoint()).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> elsewhere = this.http.send(
				HttpRequest.newBuilder(this.texas.endpoint().resolve("/api/v1/token"))
					.POST(HttpRequest.BodyPublishers.ofString("x"))
					.build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(get.statusCode()).isEqualTo(405);
		assertThat(elsewhere.statusCode()).isEqualTo(404);
	}

	@Test
	void listensOnLoopbackAtTheRealEndpointsPath() {
		URI endpoint = this.texas.endpoint();

		assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
		assertThat(endpoint.getPath()).isEqualTo("/api/v1/introspect");
		assertThat(endpoint.getPort()).isEqualTo(this.texas.port()).isPositive();
	}

	private void assertInactive(String token, String reasonKey) throws Exception {
		for (String format : List.of("form", "json")) {
			HttpResponse<String> response = postContractRequest(format, "azuread", token);

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(json.readTree(response.body())).as(reasonKey).isEqualTo(inactiveBody(reason(reasonKey)));
		}
		assertThat(introspectWithTheStarter(RequestFormat.FORM, IdentityProvider.AZUREAD, token))
			.isEqualTo(new IntrospectionResult.Inactive(reason(reasonKey)));
	}

	private IntrospectionResult introspectWithTheStarter(RequestFormat format, IdentityProvider provider,
			String token) {
		IntrospectionClient client = new IntrospectionClient(this.texas.endpoint(), format, Duration.ofSeconds(1),
				Duration.ofSeconds(2));
		IntrospectionClient.Response response = client.post(provider, token);
		return new IntrospectionResponseReader().read(response.status(), response.body(), provider);
	}

	/** A request exactly as the contract's template for this format describes it. */
	private HttpResponse<String> postContractRequest(String format, String provider, String token)
			throws Exception {
		JsonNode template = contract.get("requests").get(format);
		String body = template.get("body").asString()
			.replace("${identity_provider}", provider)
			.replace("${token}", token);
		return post(template.get("contentType").asString(), body);
	}

	private HttpResponse<String> post(String contentType, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.texas.endpoint())
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String reason(String key) {
		return contract.get("inactiveReasons").get(key).asString();
	}

	private static JsonNode inactiveBody(String reason) {
		return json.valueToTree(Map.of("active", false, "error", reason));
	}

	private static List<JsonNode> activeResponses() {
		List<JsonNode> active = new ArrayList<>();
		for (JsonNode response : contract.get("responses")) {
			if ("active".equals(response.get("expect").asString())) {
				active.add(response);
			}
		}
		assertThat(active).isNotEmpty();
		return active;
	}

	private static dev.naistoken.authorities.NaisTokenPrincipal principal(IntrospectionResult.Active active) {
		return new dev.naistoken.authorities.NaisTokenPrincipal(active.claims(), java.util.List.of(), java.util.Set.of());
	}

}
