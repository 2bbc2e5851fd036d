package dev.naistoken.test;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectionClient;
import dev.naistoken.introspection.RequestFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Spring: one fake per class, passed as a parameter, reset between tests.
 */
@ExtendWith(FakeTexasExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeTexasExtensionTests {

	private static FakeTexas beforeAll;

	@BeforeAll
	static void rememberTheClasssFake(FakeTexas texas) {
		beforeAll = texas;
	}

	@Test
	@Order(1)
	void passesTheClasssFake(FakeTexas texas) {
		assertThat(texas).isSameAs(beforeAll);
		assertThat(post(texas).status()).isEqualTo(200);
		texas.down();
	}

	@Test
	@Order(2)
	void resetsItBeforeEachTest(FakeTexas texas) {
		assertThat(texas.calls()).isZero();
		assertThat(post(texas).status()).isEqualTo(200);
	}

	@Nested
	class Inner {

		@Test
		void sharesTheOuterClasssFake(FakeTexas texas) {
			assertThat(texas).isSameAs(beforeAll);
			texas.failWith(500);
			assertThat(post(texas).status()).isEqualTo(500);
		}

	}

	private static IntrospectionClient.Response post(FakeTexas texas) {
		return new IntrospectionClient(texas.endpoint(), RequestFormat.FORM, Duration.ofSeconds(1),
				Duration.ofSeconds(2))
			.post(IdentityProvider.AZUREAD, texas.token().issue());
	}

}
