package dev.naistoken.autoconfigure;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.naistoken.autoconfigure.HttpResponses.get;
import static dev.naistoken.autoconfigure.HttpResponses.wwwAuthenticate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9728's protected-resource metadata as Spring Security 7 serves it from the starter's default chain:
 * the accepted providers' issuers as {@code authorization_servers}, and no claim of certificate-bound
 * tokens, which the platform does not issue. Every {@code WWW-Authenticate: Bearer} points to it.
 */
@SpringBootTest(classes = TestApi.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "nais.token.groups.admins=" + TestApi.ADMINS_GROUP_ID,
				"AZURE_OPENID_CONFIG_ISSUER=" + ProtectedResourceMetadataTests.ENTRA,
				"TOKEN_X_ISSUER=" + ProtectedResourceMetadataTests.TOKENX,
				"nais.token.providers.maskinporten.issuer=" + ProtectedResourceMetadataTests.MASKINPORTEN })
class ProtectedResourceMetadataTests extends StubbedEndpointTests {

	static final String ENTRA = "https://login.microsoftonline.com/966ac572-f5b7-4bbe-aa88-c76419c0f851/v2.0";

	static final String TOKENX = "https://tokenx.dev-gcp.nav.cloud.nais.io";

	static final String MASKINPORTEN = "https://test.maskinporten.no/";

	@LocalServerPort
	private int port;

	@Test
	void theMetadataListsTheAcceptedIssuersAndClaimsNoCertificateBoundTokens() {
		assertServedMetadata(this.port);
	}

	static void assertServedMetadata(int port) {
		HttpResponse<String> challenge = get(port, "/api/hello");
		assertThat(challenge.statusCode()).isEqualTo(401);
		String metadataUrl = "http://127.0.0.1:" + port + "/.well-known/oauth-protected-resource";
		assertThat(wwwAuthenticate(challenge)).contains("resource_metadata=\"" + metadataUrl + "\"");
		HttpResponse<String> response = get(port, "/.well-known/oauth-protected-resource");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		JsonNode metadata = JsonMapper.builder().build().readTree(response.body());
		assertThat(metadata.get("resource").asString()).isEqualTo("http://127.0.0.1:" + port);
		assertThat(metadata.path("authorization_servers").values()).extracting(JsonNode::asString)
			.containsExactly(ENTRA, TOKENX, MASKINPORTEN);
		assertThat(metadata.path("tls_client_certificate_bound_access_tokens").asBoolean(false)).isFalse();
		assertThat(metadata.path("bearer_methods_supported").values()).extracting(JsonNode::asString)
			.containsExactly("header");
	}

}
