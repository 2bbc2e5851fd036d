package dev.naistoken.test;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.naistoken.introspection.IdentityProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity providers exist three times on purpose: the starter's enum (what it sends), the fake's
 * list (what Texas, a separate system, accepts) and the contract data (what the real endpoint was seen
 * to accept). This test, which sees all three, holds them equal, so a provider added to one is added to
 * all.
 */
class IdentityProviderListTests {

	@Test
	void theStartersProvidersAreTheOnesTheFakeAndTheContractAccept() throws Exception {
		List<String> starters = Arrays.stream(IdentityProvider.values()).map(IdentityProvider::wireValue).toList();

		assertThat(FakeTexas.IDENTITY_PROVIDERS).containsExactlyElementsOf(starters);
		assertThat(contractProviders()).containsExactlyElementsOf(starters);
	}

	@Test
	void theFakeServesEveryProviderTheStarterSendsEntraIdUnderBothOfItsNames() {
		for (IdentityProvider provider : IdentityProvider.values()) {
			assertThat(FakeTexas.Provider.of(provider.wireValue())).as(provider.wireValue()).isNotNull();
		}
		assertThat(FakeTexas.Provider.of(IdentityProvider.AZUREAD.wireValue())).isEqualTo(FakeTexas.Provider.ENTRA_ID);
		assertThat(FakeTexas.Provider.of(IdentityProvider.ENTRA_ID.wireValue())).isEqualTo(FakeTexas.Provider.ENTRA_ID);
	}

	private static List<String> contractProviders() throws Exception {
		try (InputStream in = IdentityProviderListTests.class.getResourceAsStream("/contract/texas-contract.json")) {
			assertThat(in).as("contract/texas-contract.json on the test classpath").isNotNull();
			JsonNode providers = JsonMapper.builder().build().readTree(in).path("requests").path("identityProviders");
			return providers.valueStream().map(JsonNode::asString).toList();
		}
	}

}
