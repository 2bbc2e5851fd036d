package dev.naistoken.autoconfigure.observation;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import dev.naistoken.autoconfigure.NaisTokenAutoConfiguration;
import dev.naistoken.introspection.DefaultNaisTokenIntrospectionObservationConvention;
import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.IntrospectionClient;
import dev.naistoken.introspection.IntrospectionEndpointClient;
import dev.naistoken.introspection.IntrospectionResponseReader;
import dev.naistoken.introspection.IntrospectionResult;
import dev.naistoken.introspection.NaisTokenIntrospectionContext;
import dev.naistoken.introspection.NaisTokenIntrospectionObservationConvention;
import dev.naistoken.introspection.RequestFormat;
import dev.naistoken.introspection.cache.IntrospectionCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replacing a bean is the extension point: a bean the application defines replaces each of the
 * starter's, the starter's others use it, and the timer still tells cache hits from misses when the
 * introspector's neighbours are the application's.
 */
class BeanReplacementTests {

	private static final String ENDPOINT = "nais.token.introspection.endpoint=http://127.0.0.1:9/api/v1/introspect";

	/** An application's converter: Spring Security's authentication, no authorities. */
	private static final OpaqueTokenAuthenticationConverter OWN_CONVERTER = (token,
			principal) -> new BearerTokenAuthentication(principal,
					new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, null, null), List.of());

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class,
				NaisTokenObservabilityAutoConfiguration.class, ObservationAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class))
		.withPropertyValues(ENDPOINT);

	@Test
	void theApplicationsEndpointClientIsTheOneTheIntrospectorAsks() {
		OwnEndpointClient own = new OwnEndpointClient();
		this.runner.withBean(IntrospectionEndpointClient.class, () -> own).run((context) -> {
			assertThat(context.getBean(IntrospectionEndpointClient.class)).isSameAs(own);
			assertThat(introspect(context).getAttributes()).containsEntry("sub", "from-the-applications-client");
			assertThat(own.calls).isEqualTo(1);
		});
	}

	@Test
	void theApplicationsCacheIsTheOneTheIntrospectorAsks() {
		IntrospectionCache own = new IntrospectionCache(5, Duration.ofMinutes(1), Clock.systemUTC());
		this.runner.withBean(IntrospectionEndpointClient.class, OwnEndpointClient::new)
			.withBean(IntrospectionCache.class, () -> own)
			.run((context) -> {
				assertThat(context.getBean(IntrospectionCache.class)).isSameAs(own);
				introspect(context);
				assertThat(own.size()).isEqualTo(1);
				assertThat(context.getBean(MeterRegistry.class).get("nais.token.introspection.cache.size").gauge().value())
					.isEqualTo(1);
			});
	}

	@Test
	void theApplicationsIntrospectorReplacesTheStarters() {
		OpaqueTokenIntrospector own = (token) -> {
			throw new UnsupportedOperationException();
		};
		this.runner.withBean(OpaqueTokenIntrospector.class, () -> own)
			.run((context) -> assertThat(context.getBean(OpaqueTokenIntrospector.class)).isSameAs(own));
	}

	@Test
	void theApplicationsConverterReplacesTheStarters() {
		OpaqueTokenAuthenticationConverter own = OWN_CONVERTER;
		this.runner.withBean(IntrospectionEndpointClient.class, OwnEndpointClient::new)
			.withBean(OpaqueTokenAuthenticationConverter.class, () -> own)
			.run((context) -> {
				assertThat(context.getBean(OpaqueTokenAuthenticationConverter.class)).isSameAs(own);
				Authentication authentication = own.convert("t",
						context.getBean(OpaqueTokenIntrospector.class).introspect("t"));
				assertThat(authentication.getAuthorities()).isEmpty();
			});
	}

	@Test
	void theApplicationsObservationConventionNamesTheTimer() {
		this.runner.withBean(IntrospectionEndpointClient.class, OwnEndpointClient::new)
			.withBean(NaisTokenIntrospectionObservationConvention.class, OwnConvention::new)
			.run((context) -> {
				assertThat(context.getBean(NaisTokenIntrospectionObservationConvention.class))
					.isInstanceOf(OwnConvention.class);
				introspect(context);
				assertThat(context.getBean(MeterRegistry.class).get("my.introspection").tag("provider", "azuread").timer()
					.count()).isEqualTo(1);
				assertThat(context.getBean(MeterRegistry.class)
					.find(DefaultNaisTokenIntrospectionObservationConvention.NAME)
					.timers()).isEmpty();
			});
	}

	@Test
	void metricsSeeHitsAndMissesWithTheApplicationsEndpointClientAndConverter() {
		OpaqueTokenAuthenticationConverter converter = OWN_CONVERTER;
		this.runner.withBean(IntrospectionEndpointClient.class, OwnEndpointClient::new)
			.withBean(OpaqueTokenAuthenticationConverter.class, () -> converter)
			.run((context) -> {
				introspect(context);
				introspect(context);
				introspect(context);
				assertThat(count(context, "miss")).isEqualTo(1);
				assertThat(count(context, "hit")).isEqualTo(2);
			});
	}

	private static org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal introspect(
			AssertableApplicationContext context) {
		return context.getBean(OpaqueTokenIntrospector.class).introspect("a-token");
	}

	private static long count(AssertableApplicationContext context, String cache) {
		return context.getBean(MeterRegistry.class)
			.get(DefaultNaisTokenIntrospectionObservationConvention.NAME)
			.tags(List.of(Tag.of("outcome", "active"), Tag.of("cache", cache)))
			.timer()
			.count();
	}

	/** An application's endpoint client: answers every token as active, without a network. */
	static class OwnEndpointClient extends IntrospectionEndpointClient {

		int calls;

		OwnEndpointClient() {
			super(new IntrospectionClient(URI.create("http://127.0.0.1:9/api/v1/introspect"), RequestFormat.FORM,
					Duration.ofSeconds(1), Duration.ofSeconds(1)), new IntrospectionResponseReader());
		}

		@Override
		public IntrospectionResult introspect(IdentityProvider provider, String token) {
			this.calls++;
			return new IntrospectionResult.Active(
					Map.of("sub", "from-the-applications-client", "exp", Instant.now().plusSeconds(600)));
		}

	}

	/** An application's names and tags. */
	static class OwnConvention implements NaisTokenIntrospectionObservationConvention {

		@Override
		public String getName() {
			return "my.introspection";
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(NaisTokenIntrospectionContext context) {
			return (context.getOutcome() != null) ? KeyValues.of("provider", context.getProvider().wireValue())
					: KeyValues.empty();
		}

	}

}
