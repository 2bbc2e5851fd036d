package dev.naistoken.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.test.FakeTexas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The token goes to the endpoint and nowhere else: never through a proxy the JVM is configured with,
 * and not in clear text to another machine unless the application says so.
 */
class EndpointTransportTests {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm94aWVkIn0.c2ln";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class));

	@Test
	void aDefaultProxySelectorIsNeverAsked() throws Exception {
		ProxySelector original = ProxySelector.getDefault();
		try (FakeTexas endpoint = FakeTexas.start(); ForgingProxy proxy = new ForgingProxy()) {
			ProxySelector.setDefault(proxy.selector());
			assertNotForged(endpoint, proxy);
		}
		finally {
			ProxySelector.setDefault(original);
		}
	}

	@Test
	void proxySystemPropertiesAreNotFollowed() throws Exception {
		String[] names = { "http.proxyHost", "http.proxyPort", "http.nonProxyHosts" };
		String[] original = new String[names.length];
		for (int i = 0; i < names.length; i++) {
			original[i] = System.getProperty(names[i]);
		}
		try (FakeTexas endpoint = FakeTexas.start(); ForgingProxy proxy = new ForgingProxy()) {
			System.setProperty("http.proxyHost", "127.0.0.1");
			System.setProperty("http.proxyPort", String.valueOf(proxy.port()));
			// loopback is exempt by default; an empty list exempts nothing
			System.setProperty("http.nonProxyHosts", "");
			assertNotForged(endpoint, proxy);
		}
		finally {
			for (int i = 0; i < names.length; i++) {
				if (original[i] != null) {
					System.setProperty(names[i], original[i]);
				}
				else {
					System.clearProperty(names[i]);
				}
			}
		}
	}

	private void assertNotForged(FakeTexas endpoint, ForgingProxy proxy) {
		this.runner.withPropertyValues("nais.token.introspection.endpoint=" + endpoint.endpoint()).run((context) -> {
			OpaqueTokenIntrospector introspector = context.getBean(OpaqueTokenIntrospector.class);
			assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> introspector.introspect(TOKEN));
			assertThat(proxy.connections()).as("connections to the proxy").isZero();
			assertThat(endpoint.calls()).isEqualTo(1);
		});
	}

	@Test
	void plainHttpToAnotherMachineFailsStartUpNamingTheWayOut() {
		this.runner
			.withPropertyValues("nais.token.introspection.endpoint=http://texas.example.com:7164/api/v1/introspect")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = StartupFailures.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("nais.token.introspection.endpoint")
					.contains("plain http")
					.contains("texas.example.com");
				assertThat(analysis.getDescription()).contains("https")
					.contains("nais.token.introspection.allow-insecure-remote=true");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://10.0.0.7:7164/api/v1/introspect", "http://[fe80::1]:7164/api/v1/introspect",
			"http://127.0.0.1.example.com/api/v1/introspect", "http://localhost.example.com/api/v1/introspect" })
	void plainHttpToAnythingButLoopbackFailsStartUp(String endpoint) {
		this.runner.withPropertyValues("nais.token.introspection.endpoint=" + endpoint)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("nais.token.introspection.allow-insecure-remote"));
	}

	@Test
	void plainHttpToAnotherMachineStartsWhenAllowed() {
		this.runner
			.withPropertyValues("nais.token.introspection.endpoint=http://texas.example.com:7164/api/v1/introspect",
					"nais.token.introspection.allow-insecure-remote=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(OpaqueTokenIntrospector.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://texas.example.com/api/v1/introspect", "http://127.0.0.1:7164/api/v1/introspect",
			"http://127.10.20.30:7164/api/v1/introspect", "http://localhost:7164/api/v1/introspect",
			"http://LocalHost:7164/api/v1/introspect", "http://[::1]:7164/api/v1/introspect" })
	void httpsAnywhereAndPlainHttpOnLoopbackStart(String endpoint) {
		this.runner.withPropertyValues("nais.token.introspection.endpoint=" + endpoint)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(OpaqueTokenIntrospector.class));
	}

	/**
	 * A proxy on loopback that answers every request with an active token, as a hostile or broken
	 * proxy could: a token it vouches for would be let in.
	 */
	private static final class ForgingProxy implements AutoCloseable {

		private static final byte[] FORGED = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 64\r\nConnection: close\r\n\r\n"
				+ "{\"active\":true,\"sub\":\"forged\",\"exp\":4102444800,\"iat\":1700000000}")
			.getBytes(StandardCharsets.ISO_8859_1);

		private final ServerSocket server;

		private final AtomicInteger connections = new AtomicInteger();

		ForgingProxy() throws IOException {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread acceptor = new Thread(this::serve, "forging-proxy");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		private void serve() {
			while (!this.server.isClosed()) {
				try (Socket socket = this.server.accept()) {
					this.connections.incrementAndGet();
					InputStream in = socket.getInputStream();
					byte[] buffer = new byte[8192];
					in.read(buffer);
					OutputStream out = socket.getOutputStream();
					out.write(FORGED);
					out.flush();
				}
				catch (IOException ex) {
					// closed
				}
			}
		}

		int port() {
			return this.server.getLocalPort();
		}

		int connections() {
			return this.connections.get();
		}

		ProxySelector selector() {
			Proxy proxy = new Proxy(Proxy.Type.HTTP, new InetSocketAddress(InetAddress.getLoopbackAddress(), port()));
			return new ProxySelector() {

				@Override
				public List<Proxy> select(URI uri) {
					return List.of(proxy);
				}

				@Override
				public void connectFailed(URI uri, SocketAddress address, IOException failure) {
				}

			};
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

}
