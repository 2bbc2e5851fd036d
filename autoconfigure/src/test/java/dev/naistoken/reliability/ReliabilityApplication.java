package dev.naistoken.reliability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small API as an application would write it: one endpoint any valid token may call, one for the
 * {@code admins} group. The answers name no claim, so a leak in a response can only come from the
 * starter or the frameworks.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ReliabilityApplication.Api.class)
class ReliabilityApplication {

	static final String ADMINS_GROUP_ID = "6a1f3c2e-0000-4000-8000-000000000001";

	/** By the one name the starter's cache reads a clock under; an application's clocks it ignores. */
	@Bean
	TestClock naisTokenCacheClock() {
		return new TestClock();
	}

	@RestController
	static class Api {

		@GetMapping("/api/hello")
		Mono<String> hello() {
			return Mono.just("hello");
		}

		@PostMapping("/api/hello")
		Mono<String> postHello() {
			return Mono.just("hello");
		}

		@GetMapping("/api/admin")
		@PreAuthorize("hasAuthority('GROUP_admins')")
		Mono<String> admin() {
			return Mono.just("admin");
		}

	}

	/**
	 * The system clock, moved forward by a test: the cache takes its notion of "now" from the
	 * {@link Clock} bean named {@code naisTokenCacheClock}, so a test can let a cached token expire
	 * without sleeping.
	 */
	static final class TestClock extends Clock {

		private volatile Duration offset = Duration.ZERO;

		void advance(Duration duration) {
			this.offset = this.offset.plus(duration);
		}

		void reset() {
			this.offset = Duration.ZERO;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

	}

}
