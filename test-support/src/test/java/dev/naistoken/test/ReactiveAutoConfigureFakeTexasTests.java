package dev.naistoken.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;

import dev.naistoken.reactive.ReactiveKitTestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureFakeTexas} wires a WebFlux application on Netty exactly as a
 * servlet one: the servlet tests, run against the reactive application.
 */
@SpringBootTest(classes = ReactiveKitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = ReactiveKitTestApplication.REACTIVE)
class ReactiveAutoConfigureFakeTexasTests extends AutoConfigureFakeTexasTests {

	@Autowired
	private ReactiveWebServerApplicationContext context;

	@Test
	void runsOnNetty() {
		assertThat(this.context.getWebServer()).isInstanceOf(NettyWebServer.class);
	}

}
