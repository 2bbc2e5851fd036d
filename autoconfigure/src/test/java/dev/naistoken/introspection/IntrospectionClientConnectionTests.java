package dev.naistoken.introspection;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the client uses its connections to a raw HTTP/1.1 endpoint on loopback: kept alive between
 * calls, and tried once more when the endpoint closes a kept-alive connection as it is reused.
 */
class IntrospectionClientConnectionTests {

	private static final byte[] ANSWER = "{\"active\":false,\"error\":\"invalid token header: InvalidToken\"}"
		.getBytes(StandardCharsets.UTF_8);

	private RawEndpoint endpoint;

	@AfterEach
	void stop() throws IOException {
		this.endpoint.close();
	}

	@Test
	void connectionIsKeptAliveBetweenCalls() throws IOException {
		this.endpoint = new RawEndpoint((request) -> true);
		IntrospectionClient client = client();
		for (int i = 0; i < 5; i++) {
			assertThat(client.post(IdentityProvider.AZUREAD, "token").status()).isEqualTo(200);
		}
		assertThat(this.endpoint.connections.get()).isEqualTo(1);
		assertThat(this.endpoint.requests.get()).isEqualTo(5);
	}

	@Test
	void keptAliveConnectionClosedOnReuseIsTriedOnceMoreOnAFreshOne() throws IOException {
		// The second request on a connection finds it closed, as when the endpoint drops an idle one.
		this.endpoint = new RawEndpoint((requestOnConnection) -> requestOnConnection == 1);
		IntrospectionClient client = client();
		assertThat(client.post(IdentityProvider.AZUREAD, "token").status()).isEqualTo(200);
		assertThat(client.post(IdentityProvider.AZUREAD, "token").status()).isEqualTo(200);
		assertThat(this.endpoint.connections.get()).isEqualTo(2);
	}

	@Test
	void endpointThatClosesEveryConnectionUnansweredIsUnavailableAfterOneRetry() throws IOException {
		this.endpoint = new RawEndpoint((requestOnConnection) -> false);
		IntrospectionClient client = client();
		assertThatExceptionOfType(IntrospectionUnavailableException.class)
			.isThrownBy(() -> client.post(IdentityProvider.AZUREAD, "token"))
			.withMessageContaining("I/O error");
		assertThat(this.endpoint.requests.get()).isEqualTo(2);
	}

	private IntrospectionClient client() {
		return new IntrospectionClient(URI.create("http://127.0.0.1:" + this.endpoint.port() + "/api/v1/introspect"),
				RequestFormat.FORM, Duration.ofSeconds(1), Duration.ofSeconds(2));
	}

	/**
	 * Answers each request on a connection, or closes the connection without an answer, as
	 * {@code answer} says for the request's number on its connection (1, 2, ...).
	 */
	private static final class RawEndpoint implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		private final AtomicInteger connections = new AtomicInteger();

		private final AtomicInteger requests = new AtomicInteger();

		private final IntPredicate answer;

		RawEndpoint(IntPredicate answer) throws IOException {
			this.answer = answer;
			Thread acceptor = new Thread(this::accept, "raw-endpoint");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.server.getLocalPort();
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					Socket socket = this.server.accept();
					this.connections.incrementAndGet();
					Thread handler = new Thread(() -> serve(socket), "raw-endpoint-connection");
					handler.setDaemon(true);
					handler.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void serve(Socket socket) {
			try (socket) {
				InputStream in = new BufferedInputStream(socket.getInputStream());
				OutputStream out = socket.getOutputStream();
				for (int number = 1;; number++) {
					int length = readHead(in);
					if (length < 0) {
						return;
					}
					in.readNBytes(length);
					this.requests.incrementAndGet();
					if (!this.answer.test(number)) {
						return;
					}
					out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + ANSWER.length
							+ "\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
					out.write(ANSWER);
					out.flush();
				}
			}
			catch (IOException ex) {
				// the client went away
			}
		}

		/** Reads a request head; returns its Content-Length, or -1 at the end of the stream. */
		private static int readHead(InputStream in) throws IOException {
			StringBuilder head = new StringBuilder();
			int c;
			while ((c = in.read()) != -1) {
				head.append((char) c);
				if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
					for (String line : head.toString().split("\r\n")) {
						if (line.toLowerCase().startsWith("content-length:")) {
							return Integer.parseInt(line.substring(15).trim());
						}
					}
					return 0;
				}
			}
			return -1;
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

}
