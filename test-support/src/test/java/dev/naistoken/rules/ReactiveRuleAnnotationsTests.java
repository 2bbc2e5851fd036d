package dev.naistoken.rules;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.reactive.ReactiveKitTestApplication;
import dev.naistoken.test.WithNaisToken;

import static dev.naistoken.rules.RulesTestApplication.ADMINS_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ready-made rules and a plain {@code @PreAuthorize} on WebFlux controller methods that return
 * {@code Mono} or {@code Flux}, guarded by the reactive method security the starter turns on: the
 * servlet suite's HTTP tests ({@link RuleHttpTests}) over a real Netty server, and
 * {@link WithNaisToken} through {@code WebTestClient}.
 */
@SpringBootTest(classes = ReactiveRuleAnnotationsTests.ReactiveRulesApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { RuleHttpTests.READERS, RuleHttpTests.ADMINS, ReactiveKitTestApplication.REACTIVE })
class ReactiveRuleAnnotationsTests extends RuleHttpTests {

	@Autowired
	private ReactiveWebServerApplicationContext context;

	@Test
	void runsOnNetty() {
		assertThat(this.context.getWebServer()).isInstanceOf(NettyWebServer.class);
	}

	@Test
	@WithNaisToken(groups = "readers")
	void withNaisTokenReaderPassesItsGroupAndScopeOnly() {
		WebTestClient http = webTestClient();
		http.get().uri("/group").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("group");
		http.get().uri("/scope").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("scope");
		http.get().uri("/group-id").exchange().expectStatus().isForbidden();
		http.get().uri("/role").exchange().expectStatus().isForbidden();
		http.get().uri("/raw").exchange().expectStatus().isForbidden();
		http.get().uri("/admin/class-rule").exchange().expectStatus().isForbidden();
	}

	@Test
	@WithNaisToken(app = true)
	void withNaisTokenAppPassesRoleAndConsumerOnly() {
		WebTestClient http = webTestClient();
		http.get().uri("/role").exchange().expectStatus().isOk();
		http.get().uri("/consumer").exchange().expectStatus().isOk();
		http.get().uri("/group").exchange().expectStatus().isForbidden();
		http.get().uri("/scope").exchange().expectStatus().isForbidden();
	}

	/**
	 * A client bound to this application's handler, with the test's security context: what
	 * {@code @AutoConfigureWebTestClient} builds in a mock web environment, here beside the running server
	 * so that one context serves both.
	 */
	private WebTestClient webTestClient() {
		return WebTestClient.bindToApplicationContext(this.context)
			.apply(SecurityMockServerConfigurers.springSecurity())
			.configureClient()
			.build();
	}

	/**
	 * The servlet rules application's paths and rules ({@link RulesTestApplication}) on WebFlux. A plain
	 * configuration nested in a test class, so that the servlet tests of this package neither find it as
	 * their application nor pick it up in their component scan.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ReactiveRulesApplication {

		@RestController
		static class Rules {

			@GetMapping("/group")
			@RequireGroup({ "readers", "admins" })
			Mono<String> group() {
				return Mono.just("group");
			}

			@GetMapping("/group-id")
			@RequireGroup(ADMINS_ID)
			Mono<String> groupId() {
				return Mono.just("group-id");
			}

			@GetMapping("/role")
			@RequireRole("access_as_application")
			Mono<String> role() {
				return Mono.just("role");
			}

			@GetMapping("/scope")
			@RequireScope({ "defaultaccess", "other" })
			Flux<String> scope() {
				return Flux.just("sc", "ope");
			}

			@GetMapping("/consumer")
			@RequireConsumer("dev-gcp:team-b:batch")
			Mono<String> consumer() {
				return Mono.just("consumer");
			}

			@GetMapping("/provider")
			@RequireProvider({ IdentityProvider.AZUREAD, IdentityProvider.IDPORTEN })
			Flux<String> provider() {
				return Flux.just("provider");
			}

			@GetMapping("/provider-tokenx")
			@RequireProvider(IdentityProvider.TOKENX)
			Mono<String> tokenx() {
				return Mono.just("tokenx");
			}

			@GetMapping("/raw")
			@PreAuthorize("hasAuthority('GROUP_admins')")
			Mono<String> raw() {
				return Mono.just("raw");
			}

		}

		/** A class-level rule, and a method that has its own. */
		@RestController
		@RequestMapping("/admin")
		@RequireGroup("admins")
		static class Admin {

			@GetMapping("/class-rule")
			Flux<String> classRule() {
				return Flux.just("class-rule");
			}

			@GetMapping("/own-rule")
			@RequireScope("defaultaccess")
			Mono<String> ownRule() {
				return Mono.just("own-rule");
			}

		}

	}

}
