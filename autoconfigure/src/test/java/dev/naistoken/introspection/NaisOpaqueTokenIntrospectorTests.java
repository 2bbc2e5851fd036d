package dev.naistoken.introspection;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import dev.naistoken.authorities.NaisTokenAuthenticationConverter;
import dev.naistoken.authorities.NaisTokenAuthorityMapper;
import dev.naistoken.authorities.NaisTokenPrincipal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The introspector against a real HTTP endpoint on loopback: the request's exact shape, and what each
 * answer of the contract becomes.
 */
class NaisOpaqueTokenIntrospectorTests {

	private static final String PATH = "/api/v1/introspect";

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

	private static final WireMockServer endpoint = new WireMockServer(
			options().dynamicPort().bindAddress("127.0.0.1"));

	@BeforeAll
	static void start() {
		endpoint.start();
	}

	@AfterAll
	static void stop() {
		endpoint.stop();
	}

	@BeforeEach
	void reset() {
		endpoint.resetAll();
	}

	@ParameterizedTest
	@EnumSource(RequestFormat.class)
	void postsIdentityProviderAndTokenInTheConfiguredFormat(RequestFormat format) {
		answer(ContractCases.response("active user token (on-behalf-of)"));
		introspector(format, IdentityProvider.AZUREAD, false).introspect(TOKEN);
		endpoint.verify(1, postRequestedFor(urlEqualTo(PATH))
			.withHeader("Content-Type", equalTo(ContractCases.contentType(format)))
			.withHeader("Accept", equalTo("application/json"))
			.withRequestBody(equalTo(ContractCases.requestBody(format, "azuread", TOKEN))));
	}

	@ParameterizedTest
	@EnumSource(RequestFormat.class)
	void sendsTheConfiguredIdentityProvider(RequestFormat format) {
		answer(ContractCases.response("active user token (on-behalf-of)"));
		introspector(format, IdentityProvider.ENTRA_ID, false).introspect(TOKEN);
		endpoint.verify(1, postRequestedFor(urlEqualTo(PATH))
			.withRequestBody(equalTo(ContractCases.requestBody(format, "entra_id", TOKEN))));
	}

	@Test
	void formEncodesWhatIsNotSafeInAForm() {
		answer(ContractCases.response("active user token (on-behalf-of)"));
		introspector(RequestFormat.FORM, IdentityProvider.AZUREAD, false).introspect("a+b/c=");
		endpoint.verify(postRequestedFor(urlEqualTo(PATH))
			.withRequestBody(equalTo("identity_provider=azuread&token=a%2Bb%2Fc%3D")));
	}

	@Test
	void jsonEscapesWhatIsNotSafeInAString() {
		answer(ContractCases.response("active user token (on-behalf-of)"));
		introspector(RequestFormat.JSON, IdentityProvider.AZUREAD, false).introspect("a\"b\\c");
		endpoint.verify(postRequestedFor(urlEqualTo(PATH))
			.withRequestBody(equalTo("{\"identity_provider\":\"azuread\",\"token\":\"a\\u0022b\\u005cc\"}")));
	}

	static List<ContractCases.Response> contractResponses() {
		return ContractCases.responses();
	}

	@ParameterizedTest
	@MethodSource("contractResponses")
	void eachAnswerOfTheContractMeansWhatTheContractSays(ContractCases.Response response) {
		answer(response);
		NaisOpaqueTokenIntrospector introspector = introspector(RequestFormat.FORM, IdentityProvider.AZUREAD, false);
		switch (response.expect()) {
			case ACTIVE -> {
				OAuth2AuthenticatedPrincipal principal = introspector.introspect(TOKEN);
				assertThat(principal.getAuthorities()).isEmpty();
				assertThat(principal.getAttributes()).doesNotContainKey("active");
				assertThat(principal.<Object>getAttribute("exp")).isInstanceOf(Instant.class);
				assertThat(principal.<Object>getAttribute("iat")).isInstanceOf(Instant.class);
				if (principal.getAttributes().containsKey("nbf")) {
					assertThat(principal.<Object>getAttribute("nbf")).isInstanceOf(Instant.class);
				}
			}
			case INACTIVE -> assertThatExceptionOfType(BadOpaqueTokenException.class)
				.isThrownBy(() -> introspector.introspect(TOKEN))
				.withMessage("The access token is not valid");
			case UNAVAILABLE -> assertThatExceptionOfType(IntrospectionUnavailableException.class)
				.isThrownBy(() -> introspector.introspect(TOKEN))
				.withMessageContaining("introspection endpoint");
			case MISCONFIGURED -> assertThatExceptionOfType(IntrospectionMisconfiguredException.class)
				.isThrownBy(() -> introspector.introspect(TOKEN))
				.withMessageContaining(response.fix());
		}
	}

	@Test
	void activeAnswerKeepsEveryClaimWithDatesAsInstants() {
		answer(ContractCases.response("active user token (on-behalf-of)"));
		NaisTokenPrincipal principal = converted(
				introspector(RequestFormat.FORM, IdentityProvider.AZUREAD, false).introspect(TOKEN));
		assertThat(principal.getExpiresAt()).isEqualTo(Instant.ofEpochSecond(4102444800L));
		assertThat(principal.getIssuedAt()).isEqualTo(Instant.ofEpochSecond(1730977293L));
		assertThat(principal.groups()).containsExactly("6a1f3c2e-0000-4000-8000-000000000001",
				"6a1f3c2e-0000-4000-8000-000000000002");
		assertThat(principal.scopes()).containsExactly("defaultaccess", "cases.read");
		assertThat(principal.navIdent()).isEqualTo("Z990001");
		assertThat(principal.consumer()).isEqualTo("dev-gcp:team-a:frontend");
		assertThat(principal.consumerClientId()).isEqualTo("3b1c0f2e-0000-4000-8000-00000000bbbb");
		assertThat(principal.isApp()).isFalse();
		assertThat(principal.getName()).isEqualTo("Xj3nJfZr0000000000000000000000000000000000");
		assertThat(principal.<String>getAttribute("preferred_username")).isEqualTo("kari.nordmann@example.no");
	}

	@Test
	void appToAppAnswerIsAnApp() {
		answer(ContractCases.response("active app-to-app token (client credentials)"));
		NaisTokenPrincipal principal = converted(
				introspector(RequestFormat.FORM, IdentityProvider.AZUREAD, false).introspect(TOKEN));
		assertThat(principal.isApp()).isTrue();
		assertThat(principal.roles()).containsExactly("access_as_application");
		assertThat(principal.navIdent()).isNull();
	}

	@Test
	void inactiveReasonBecomesTheDescriptionOnlyWhenExposed() {
		answer(ContractCases.response("expired token"));
		assertThatExceptionOfType(BadOpaqueTokenException.class)
			.isThrownBy(() -> introspector(RequestFormat.FORM, IdentityProvider.AZUREAD, true).introspect(TOKEN))
			.withMessage(ContractCases.inactiveReason("expired"));
	}

	@Test
	void exposedReasonIsLimitedToTheCharactersAHeaderMayCarry() {
		endpoint.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"active\":false,\"error\":\"bad \\\"x\\\" \\\\ \\u00e6\\n\"}")));
		assertThatExceptionOfType(BadOpaqueTokenException.class)
			.isThrownBy(() -> introspector(RequestFormat.FORM, IdentityProvider.AZUREAD, true).introspect(TOKEN))
			.withMessage("bad ?x? ? ??");
	}

	@Test
	void misconfigurationNamesTheManifestFieldToFix() {
		answer(ContractCases.response("identity provider not enabled"));
		assertThatExceptionOfType(IntrospectionMisconfiguredException.class)
			.isThrownBy(() -> introspector(RequestFormat.FORM, IdentityProvider.AZUREAD, false).introspect(TOKEN))
			.withMessageContaining("spec.azure.application.enabled: true")
			.withMessageContaining("'azuread'");
	}

	@Test
	void answerSlowerThanTheReadTimeoutIsUnavailable() {
		endpoint.stubFor(post(urlEqualTo(PATH))
			.willReturn(okJson("{\"active\":false}").withFixedDelay(1500)));
		IntrospectionClient client = new IntrospectionClient(uri(endpoint.port()), RequestFormat.FORM,
				Duration.ofSeconds(1), Duration.ofMillis(300));
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> new NaisOpaqueTokenIntrospector(new IntrospectionEndpointClient(client, new IntrospectionResponseReader()), IdentityProvider.AZUREAD, false).introspect(TOKEN))
			.withMessageContaining("did not answer within 300 ms");
	}

	@Test
	void connectionResetIsUnavailable() {
		endpoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> introspector(RequestFormat.FORM, IdentityProvider.AZUREAD, false).introspect(TOKEN));
	}

	@Test
	void garbageThenCloseIsUnavailable() {
		endpoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> introspector(RequestFormat.FORM, IdentityProvider.AZUREAD, false).introspect(TOKEN));
	}

	@Test
	void refusedConnectionIsUnavailable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		IntrospectionClient client = new IntrospectionClient(uri(closedPort), RequestFormat.FORM,
				Duration.ofSeconds(1), Duration.ofSeconds(1));
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> new NaisOpaqueTokenIntrospector(new IntrospectionEndpointClient(client, new IntrospectionResponseReader()), IdentityProvider.AZUREAD, false).introspect(TOKEN))
			.withMessageContaining("refused");
	}

	@Test
	void answerLargerThanTheBoundIsUnavailable() {
		String padding = "x".repeat(IntrospectionClient.MAX_RESPONSE_BYTES);
		endpoint.stubFor(post(urlEqualTo(PATH))
			.willReturn(okJson("{\"active\":true,\"exp\":4102444800,\"pad\":\"" + padding + "\"}")));
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> introspector(RequestFormat.FORM, IdentityProvider.AZUREAD, false).introspect(TOKEN))
			.withMessageContaining("larger than");
	}

	private static void answer(ContractCases.Response response) {
		endpoint.stubFor(post(urlEqualTo(PATH))
			.willReturn(aResponse().withStatus(response.status())
				.withHeader("Content-Type", "application/json")
				.withBody(response.body())));
	}

	private static NaisOpaqueTokenIntrospector introspector(RequestFormat format, IdentityProvider provider,
			boolean exposeReason) {
		IntrospectionClient client = new IntrospectionClient(uri(endpoint.port()), format, Duration.ofSeconds(1),
				Duration.ofSeconds(2));
		return new NaisOpaqueTokenIntrospector(new IntrospectionEndpointClient(client, new IntrospectionResponseReader()), provider, exposeReason);
	}

	private static URI uri(int port) {
		return URI.create("http://127.0.0.1:" + port + PATH);
	}

	/** The principal the application sees, built by the authentication converter from the introspected claims. */
	private static NaisTokenPrincipal converted(OAuth2AuthenticatedPrincipal introspected) {
		return (NaisTokenPrincipal) new NaisTokenAuthenticationConverter(
				new NaisTokenAuthorityMapper("GROUP_", "ROLE_", "SCOPE_", java.util.Map.of()))
			.convert(TOKEN, introspected)
			.getPrincipal();
	}

}
