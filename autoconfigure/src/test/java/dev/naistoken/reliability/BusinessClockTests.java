package dev.naistoken.reliability;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.naistoken.test.FakeTexas;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with a "business" {@link Clock} bean that stands still (as in time-travel set-ups,
 * batch dates or a mocked clock): the cache judges a token's {@code exp} by real time all the same.
 */
@SpringBootTest(classes = BusinessClockTests.FixedClockApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off",
				"nais.token.groups.admins=" + ReliabilityApplication.ADMINS_GROUP_ID })
class BusinessClockTests {

	@LocalServerPort
	int port;

	WireMockServer endpoint;

	@DynamicPropertySource
	static void introspectionEndpoint(DynamicPropertyRegistry registry) {
		registry.add("nais.token.introspection.endpoint", () -> ContainerTestSupport.endpointUrl());
	}

	@BeforeEach
	void endpointUp() {
		this.endpoint = ContainerTestSupport.wireMockBehindTheEndpoint();
	}

	@Test
	void cachedTokenIsRefusedAfterItsExpWhileTheApplicationsClockStandsStill() throws InterruptedException {
		String token = "eyJ0eXAiOiJKV1QifQ.clock-" + UUID.randomUUID() + ".c2ln";
		long exp = Instant.now().plusSeconds(2).getEpochSecond();
		answer("{\"active\":true,\"exp\":" + exp + ",\"iat\":1730977293,\"sub\":\"clock-subject\"}");
		RawHttp.Reply first = new RawHttp(this.port).bearer("/api/hello", token);
		assertThat(first.status()).as(first.raw()).isEqualTo(200);
		answer("{\"active\":false,\"error\":\"invalid token: ExpiredSignature\"}");
		Thread.sleep(3_000);
		RawHttp.Reply afterExp = new RawHttp(this.port).bearer("/api/hello", token);
		assertThat(afterExp.status()).as(afterExp.raw()).isEqualTo(401);
		assertThat(this.endpoint.findAll(anyRequestedFor(anyUrl()))).as("asked again once exp had passed").hasSize(2);
	}

	private void answer(String body) {
		this.endpoint.stubFor(post(urlPathEqualTo(FakeTexas.PATH))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ReliabilityApplication.Api.class)
	static class FixedClockApplication {

		/** The application's own clock, fixed at start-up: its business, not the cache's. */
		@Bean
		Clock businessClock() {
			return Clock.fixed(Instant.now(), ZoneOffset.UTC);
		}

	}

}
