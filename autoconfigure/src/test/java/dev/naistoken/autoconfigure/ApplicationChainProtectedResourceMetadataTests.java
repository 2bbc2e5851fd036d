package dev.naistoken.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An application's own chain built on {@link NaisTokenHttpSecurity#applyDefaults} serves the same
 * protected-resource metadata as the starter's chain.
 */
@SpringBootTest(classes = { TestApi.class, ApplicationChainProtectedResourceMetadataTests.OwnChain.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "nais.token.groups.admins=" + TestApi.ADMINS_GROUP_ID,
				"AZURE_OPENID_CONFIG_ISSUER=" + ProtectedResourceMetadataTests.ENTRA,
				"TOKEN_X_ISSUER=" + ProtectedResourceMetadataTests.TOKENX,
				"nais.token.providers.maskinporten.issuer=" + ProtectedResourceMetadataTests.MASKINPORTEN })
class ApplicationChainProtectedResourceMetadataTests extends StubbedEndpointTests {

	@LocalServerPort
	private int port;

	@Test
	void theMetadataListsTheAcceptedIssuersAndClaimsNoCertificateBoundTokens() {
		ProtectedResourceMetadataTests.assertServedMetadata(this.port);
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityFilterChain applicationChain(HttpSecurity http) throws Exception {
			return NaisTokenHttpSecurity.applyDefaults(http)
				.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/admin")
					.hasAuthority("GROUP_admins")
					.anyRequest()
					.authenticated())
				.build();
		}

	}

}
