package dev.naistoken.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.naistoken.test.AutoConfigureFakeTexas;
import dev.naistoken.test.FakeTexas;
import dev.naistoken.test.TokenBuilder;

import static dev.naistoken.sample.LocalSampleApplication.READERS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every provider's token end to end: real HTTP into a real servlet container, each token routed by its
 * issuer to its provider at the fake endpoint ({@code @AutoConfigureFakeTexas} sets the issuers, as the
 * platform does on NAIS), the sample's rules on the authorities each provider's token gets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureFakeTexas
class SampleProvidersEndToEndTests {

	@Autowired
	private FakeTexas texas;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void aCitizenThroughTheFrontendSeesTheirOwnCases() throws Exception {
		HttpResponse<String> mine = call("/api/citizen/cases", this.texas.tokenx().issue());

		assertThat(mine.statusCode()).isEqualTo(200);
		assertThat(mine.body()).contains("CASE-1", "CASE-3").doesNotContain("CASE-2", TokenBuilder.DEFAULT_PID);
		assertThat(call("/api/citizen/cases", this.texas.tokenx().pid("10987654321").issue()).body())
			.contains("CASE-2")
			.doesNotContain("CASE-1");
	}

	@Test
	void aCitizenBelowLevelHighOrThroughIdportenDirectlyIsRefused() throws Exception {
		assertThat(call("/api/citizen/cases", this.texas.tokenx().level(TokenBuilder.Level.SUBSTANTIAL).issue())
			.statusCode()).isEqualTo(403);
		assertThat(call("/api/citizen/cases", this.texas.idporten().issue()).statusCode()).isEqualTo(403);
		assertThat(call("/api/citizen/cases", this.texas.token().groups(READERS).issue()).statusCode())
			.isEqualTo(403);
	}

	@Test
	void anOrganisationWithTheScopeReadsTheStatusOfACase() throws Exception {
		HttpResponse<String> status = call("/api/partner/cases/CASE-1/status",
				this.texas.maskinporten().organisation("974761076").scopes("nav:sample/cases.read").issue());

		assertThat(status.statusCode()).isEqualTo(200);
		assertThat(status.body()).contains("\"askedBy\":\"974761076\"");
		assertThat(call("/api/partner/cases/CASE-1/status",
				this.texas.maskinporten().scopes("nav:sample/cases.write").issue()).statusCode()).isEqualTo(403);
		assertThat(call("/api/partner/cases/CASE-1/status", this.texas.tokenx().issue()).statusCode()).isEqualTo(403);
	}

	@Test
	void eachTokenReachesItsOwnProviderAtTheEndpoint() throws Exception {
		long before = this.texas.calls();

		assertThat(call("/api/cases", this.texas.token().groups(READERS).issue()).statusCode()).isEqualTo(200);
		assertThat(call("/api/citizen/cases", this.texas.tokenx().issue()).statusCode()).isEqualTo(200);
		assertThat(call("/api/partner/cases/CASE-1/status",
				this.texas.maskinporten().scopes("nav:sample/cases.read").issue()).statusCode()).isEqualTo(200);
		assertThat(this.texas.calls() - before).isEqualTo(3);
	}

	@Test
	void aProviderSwitchedOffAtTheEndpointIs500AndTheOthersStillServe() throws Exception {
		this.texas.disable(FakeTexas.Provider.TOKENX);

		assertThat(call("/api/citizen/cases", this.texas.tokenx().issue()).statusCode()).isEqualTo(500);
		assertThat(call("/api/cases", this.texas.token().groups(READERS).issue()).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> call(String path, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
