package dev.naistoken.autoconfigure;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.naistoken.introspection.RequestFormat;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.naistoken.autoconfigure.HttpResponses.getWithToken;
import static dev.naistoken.autoconfigure.HttpResponses.wwwAuthenticate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens of four identity providers on one API, through a real Tomcat and a real endpoint on loopback
 * that answers only for the provider a token belongs to: each token reaches its provider and no other,
 * gets that provider's authorities, and a token of no accepted issuer, or no JWT at all, is refused
 * without a call. The issuers come in as the platform sets them (its variables, here as properties).
 * Subclasses run it in each request format.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class ProviderRoutingHttpTests {

	static final String ENTRA = "https://login.microsoftonline.com/966ac572-f5b7-4bbe-aa88-c76419c0f851/v2.0";

	static final String TOKENX = "https://tokenx.dev-gcp.nav.cloud.nais.io";

	static final String IDPORTEN = "https://test.idporten.no";

	static final String MASKINPORTEN = "https://test.maskinporten.no/";

	static final String PID = "01017012345";

	private static final String PATH = "/api/v1/introspect";

	static final WireMockServer endpoint = started();

	@LocalServerPort
	private int port;

	private final RequestFormat format;

	ProviderRoutingHttpTests(RequestFormat format) {
		this.format = format;
	}

	@DynamicPropertySource
	static void platformVariables(DynamicPropertyRegistry registry) {
		registry.add("nais.token.introspection.endpoint", () -> "http://127.0.0.1:" + endpoint.port() + PATH);
		registry.add("AZURE_OPENID_CONFIG_ISSUER", () -> ENTRA);
		registry.add("TOKEN_X_ISSUER", () -> TOKENX);
		registry.add("IDPORTEN_ISSUER", () -> IDPORTEN);
		registry.add("MASKINPORTEN_ISSUER", () -> MASKINPORTEN);
	}

	@BeforeEach
	void resetEndpoint() {
		endpoint.resetAll();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"azuread | \"iss\":\"" + ENTRA + "\",\"groups\":[\"" + TestApi.ADMINS_GROUP_ID + "\"],\"scp\":\"defaultaccess\",\"azp_name\":\"dev-gcp:team:app\" | GROUP_" + TestApi.ADMINS_GROUP_ID + ",GROUP_admins,PROVIDER_entra_id,SCOPE_defaultaccess",
			"tokenx | \"iss\":\"" + TOKENX + "\",\"pid\":\"" + PID + "\",\"acr\":\"idporten-loa-high\",\"client_id\":\"dev-gcp:team:frontend\" | LOA_high,LOA_substantial,PROVIDER_tokenx",
			"idporten | \"iss\":\"" + IDPORTEN + "\",\"pid\":\"" + PID + "\",\"acr\":\"Level3\",\"client_id\":\"c\" | LOA_substantial,PROVIDER_idporten",
			"maskinporten | \"iss\":\"" + MASKINPORTEN + "\",\"scope\":\"nav:sample/cases.read\",\"consumer\":{\"authority\":\"iso6523-actorid-upis\",\"ID\":\"0192:889640782\"} | PROVIDER_maskinporten,SCOPE_nav:sample/cases.read" })
	void eachProvidersTokenReachesItsProviderOnlyAndGetsItsAuthorities(String provider, String claims,
			String authorities) {
		String token = token(claims);
		activeFor(provider, token, claims);
		HttpResponse<String> response = getWithToken(this.port, "/api/me", token);
		assertThat(response.statusCode()).isEqualTo(200);
		StringBuilder expected = new StringBuilder("\"authorities\":[\"FACTOR_BEARER\"");
		for (String authority : authorities.split(",")) {
			expected.append(",\"").append(authority).append('"');
		}
		assertThat(response.body()).contains(expected.append(']'));
		endpoint.verify(1, postRequestedFor(urlEqualTo(PATH)));
		endpoint.verify(1, sentTo(provider, token));
		// A second request is a cache hit: no call, and the provider still read from the verified issuer.
		assertThat(getWithToken(this.port, "/api/me", token).body()).contains(expected);
		endpoint.verify(1, postRequestedFor(urlEqualTo(PATH)));
	}

	@Test
	void theHelpersOfACitizensPrincipalSayWhoAndHowSure() {
		String claims = "\"iss\":\"" + TOKENX + "\",\"pid\":\"" + PID + "\",\"acr\":\"Level4\",\"client_id\":\"dev-gcp:team:frontend\"";
		String token = token(claims);
		activeFor("tokenx", token, claims);
		HttpResponse<String> response = getWithToken(this.port, "/api/principal", token);
		assertThat(response.body()).isEqualTo("{\"provider\":\"TOKENX\",\"hasPid\":true,\"level\":\"HIGH\","
				+ "\"consumer\":\"dev-gcp:team:frontend\",\"organisationNumber\":\"null\",\"app\":false}");
	}

	@Test
	void theHelpersOfAnOrganisationsPrincipalNameTheOrganisation() {
		String claims = "\"iss\":\"" + MASKINPORTEN + "\",\"scope\":\"nav:sample/cases.read\",\"consumer\":{\"authority\":\"iso6523-actorid-upis\",\"ID\":\"0192:889640782\"}";
		String token = token(claims);
		activeFor("maskinporten", token, claims);
		assertThat(getWithToken(this.port, "/api/principal", token).body()).isEqualTo("{\"provider\":\"MASKINPORTEN\","
				+ "\"hasPid\":false,\"level\":\"null\",\"consumer\":\"null\",\"organisationNumber\":\"889640782\",\"app\":true}");
	}

	@Test
	void aTokenOfNoAcceptedIssuerIs401WithoutACall(CapturedOutput output) {
		String token = token("\"iss\":\"https://issuer.example/not-accepted\"");
		HttpResponse<String> response = getWithToken(this.port, "/api/hello", token);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(wwwAuthenticate(response)).startsWith("Bearer error=\"invalid_token\"")
			.contains("error_description=\"The access token is not valid\"");
		endpoint.verify(0, postRequestedFor(urlEqualTo(PATH)));
		assertThat(output).contains("DEBUG")
			.contains("Token refused without asking the endpoint: its issuer (iss) is none of the accepted "
					+ "providers' (azuread, tokenx, idporten, maskinporten)")
			.doesNotContain(token)
			.doesNotContain("not-accepted");
	}

	@Test
	void aTokenThatIsNoJwtIs401WithoutACall(CapturedOutput output) {
		HttpResponse<String> response = getWithToken(this.port, "/api/hello", "an-opaque-token-" + UUID.randomUUID());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(wwwAuthenticate(response)).startsWith("Bearer error=\"invalid_token\"");
		endpoint.verify(0, postRequestedFor(urlEqualTo(PATH)));
		assertThat(output).contains("Token refused without asking the endpoint: it is no JWT").doesNotContain("an-opaque-token-");
	}

	/**
	 * A provider whose issuer the platform sets but whose answer says it is not enabled: every token of
	 * that issuer would be refused, so it is the application's configuration, named with its fix.
	 */
	@ParameterizedTest
	@CsvSource({ "azuread, " + ENTRA + ", spec.azure.application.enabled, nais.token.providers.entra-id.issuer",
			"tokenx, " + TOKENX + ", spec.tokenx.enabled, nais.token.providers.tokenx.issuer",
			"idporten, " + IDPORTEN + ", spec.idporten.enabled, nais.token.providers.idporten.issuer",
			"maskinporten, " + MASKINPORTEN + ", spec.maskinporten.enabled, nais.token.providers.maskinporten.issuer" })
	void aProviderSwitchedOffIs500NamingItsManifestField(String provider, String issuer, String manifestField,
			String property, CapturedOutput output) {
		String token = token("\"iss\":\"" + issuer + "\"");
		endpoint.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing(providerField(provider)))
			.willReturn(okJson("{\"active\":false,\"error\":\"identity provider '"
					+ (provider.equals("azuread") ? "entra_id" : provider) + "' is not enabled\"}")));
		HttpResponse<String> response = getWithToken(this.port, "/api/hello", token);
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(output.getOut().lines().filter((line) -> line.contains("' is not enabled for this application")))
			.singleElement()
			.asString()
			.contains("ERROR")
			.contains("identity provider '" + provider + "'")
			.contains(manifestField + ": true")
			.contains(property + " to empty")
			.doesNotContain(token);
	}

	private void activeFor(String provider, String token, String claims) {
		endpoint.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing(providerField(provider)))
			.withRequestBody(containing(token))
			.willReturn(okJson("{\"active\":true,\"exp\":4102444800,\"iat\":1730977293,\"sub\":\"s\"," + claims + "}")));
	}

	private RequestPatternBuilder sentTo(String provider, String token) {
		return postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing(providerField(provider)))
			.withRequestBody(containing(token));
	}

	private String providerField(String provider) {
		return (this.format == RequestFormat.JSON) ? "{\"identity_provider\":\"" + provider + "\","
				: "identity_provider=" + provider + "&";
	}

	/** A JWT with these payload members and a unique {@code jti}; the signature is the endpoint's business. */
	static String token(String claims) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String payload = "{\"jti\":\"" + UUID.randomUUID() + "\"," + claims + "}";
		return base64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
	}

	private static WireMockServer started() {
		WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		return server;
	}

}
