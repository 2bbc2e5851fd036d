package dev.naistoken.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * The introspection endpoint of the reliability tests: one loopback port, behind which there is a
 * WireMock server, a raw socket fake for what WireMock cannot do (accept and never answer, be killed
 * while a request waits, stream without end), or nothing at all (connection refused). The application
 * under test is configured once with {@link #url()}; a test switches what is behind the port.
 */
final class LoopbackEndpoint {

	static final String PATH = "/api/v1/introspect";

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	private static final LoopbackEndpoint INSTANCE = new LoopbackEndpoint();

	private final int port = freePort();

	private WireMockServer wireMock;

	private RawFake raw;

	private LoopbackEndpoint() {
	}

	static LoopbackEndpoint get() {
		return INSTANCE;
	}

	String url() {
		return "http://127.0.0.1:" + this.port + PATH;
	}

	/** WireMock behind the port, started if it is not, with no stubs and an empty journal. */
	synchronized WireMockServer wireMock() {
		if (this.raw != null) {
			this.raw.close();
			this.raw = null;
		}
		if (this.wireMock == null || !this.wireMock.isRunning()) {
			this.wireMock = new WireMockServer(
					WireMockConfiguration.options().bindAddress("127.0.0.1").port(this.port).containerThreads(16));
			this.wireMock.start();
		}
		this.wireMock.resetAll();
		return this.wireMock;
	}

	/** Nothing behind the port: connections are refused. */
	synchronized void down() {
		if (this.wireMock != null) {
			this.wireMock.stop();
			this.wireMock = null;
		}
		if (this.raw != null) {
			this.raw.close();
			this.raw = null;
		}
	}

	/** A raw socket fake behind the port, answering every connection with {@code behaviour}. */
	synchronized RawFake raw(Behaviour behaviour) {
		down();
		this.raw = new RawFake(this.port, behaviour);
		return this.raw;
	}

	/**
	 * A free port below the kernel's ephemeral range: while the endpoint is down the port is free, and an
	 * ephemeral one could meanwhile become the local port of some outgoing connection, which would
	 * keep the endpoint from binding it again.
	 */
	private static int freePort() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = random.nextInt(20000, 32000);
			try (ServerSocket socket = new ServerSocket()) {
				socket.setReuseAddress(true);
				socket.bind(new InetSocketAddress(LOOPBACK, port));
				return port;
			}
			catch (IOException ex) {
				// taken, try another
			}
		}
		throw new IllegalStateException("no free loopback port between 20000 and 32000");
	}

	/** What the raw fake does with one accepted connection. */
	@FunctionalInterface
	interface Behaviour {

		void serve(Socket socket, RawFake fake) throws IOException, InterruptedException;

		/** Accepts and never reads nor writes a byte. */
		static Behaviour silent() {
			return (socket, fake) -> fake.killed.await();
		}

		/** Reads the request, then waits until {@link RawFake#kill()} resets the connection. */
		static Behaviour holdUntilKilled() {
			return (socket, fake) -> {
				readRequest(socket.getInputStream());
				fake.requestsRead.countDown();
				fake.killed.await();
			};
		}

		/** Reads the request, answers these bytes and closes the connection. */
		static Behaviour answer(byte[] bytes) {
			return (socket, fake) -> {
				readRequest(socket.getInputStream());
				fake.requestsRead.countDown();
				OutputStream out = socket.getOutputStream();
				out.write(bytes);
				out.flush();
			};
		}

		/**
		 * Reads the request, answers these bytes, then keeps the connection open without another byte
		 * until the client closes it.
		 */
		static Behaviour answerThenStall(byte[] bytes) {
			return (socket, fake) -> {
				answer(bytes).serve(socket, fake);
				if (socket.getInputStream().read() == -1) {
					fake.closedByClient.countDown();
				}
			};
		}

		/**
		 * Keeps each connection alive, answering its requests with a 200 and these bytes while
		 * {@code answer} says yes for the request's number on the connection (1, 2, ...), and closing
		 * it unanswered at the first no.
		 */
		static Behaviour keepAlive(byte[] body, IntPredicate answer, AtomicInteger requests) {
			return (socket, fake) -> {
				InputStream in = socket.getInputStream();
				OutputStream out = socket.getOutputStream();
				for (int number = 1; readRequest(in); number++) {
					requests.incrementAndGet();
					if (!answer.test(number)) {
						return;
					}
					out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
							+ "\r\n\r\n"));
					out.write(body);
					out.flush();
				}
			};
		}

		/** Reads the request and streams a chunked 200 without end, until the client goes away. */
		static Behaviour endlessChunkedBody() {
			return (socket, fake) -> {
				readRequest(socket.getInputStream());
				fake.requestsRead.countDown();
				OutputStream out = socket.getOutputStream();
				out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
				byte[] chunk = ascii("2000\r\n" + "{\"a\":1}".repeat(8192 / 7) + " ".repeat(8192 % 7) + "\r\n");
				long limit = 64L * 1024 * 1024;
				for (long sent = 0; sent < limit; sent += chunk.length) {
					out.write(chunk);
				}
			};
		}

	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Reads one request: headers, then a body of its Content-Length.
	 * @return {@code false} when the connection ended before a request
	 */
	static boolean readRequest(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		int c;
		while ((c = in.read()) != -1) {
			head.append((char) c);
			if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
				break;
			}
		}
		int length = 0;
		for (String line : head.toString().split("\r\n")) {
			if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
				length = Integer.parseInt(line.substring(15).trim());
			}
		}
		in.readNBytes(length);
		return head.length() > 0;
	}

	/**
	 * A socket server on the endpoint's port that does one scripted thing with every connection, on a
	 * thread of its own.
	 */
	static final class RawFake implements AutoCloseable {

		private final ServerSocket server;

		private final Behaviour behaviour;

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		private final AtomicInteger accepted = new AtomicInteger();

		final CountDownLatch requestsRead = new CountDownLatch(1);

		final CountDownLatch killed = new CountDownLatch(1);

		final CountDownLatch closedByClient = new CountDownLatch(1);

		RawFake(int port, Behaviour behaviour) {
			this.behaviour = behaviour;
			try {
				this.server = new ServerSocket();
				this.server.setReuseAddress(true);
				this.server.bind(new InetSocketAddress(LOOPBACK, port), 50);
			}
			catch (IOException ex) {
				throw new IllegalStateException("cannot bind the raw fake to port " + port, ex);
			}
			Thread acceptor = new Thread(this::accept, "raw-fake-accept");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					Socket socket = this.server.accept();
					this.accepted.incrementAndGet();
					this.sockets.add(socket);
					Thread handler = new Thread(() -> serve(socket), "raw-fake-connection");
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
				this.behaviour.serve(socket, this);
			}
			catch (IOException | InterruptedException ex) {
				// the client went away, or the test killed the connection
			}
		}

		/** The port it listens on (a free one when it was created with 0). */
		int port() {
			return this.server.getLocalPort();
		}

		/** How many connections were accepted. */
		int accepted() {
			return this.accepted.get();
		}

		/** Waits until a request has been read completely. */
		boolean awaitRequest(long seconds) throws InterruptedException {
			return this.requestsRead.await(seconds, TimeUnit.SECONDS);
		}

		/** Waits until the client has closed a connection. */
		boolean awaitClosedByClient(long seconds) throws InterruptedException {
			return this.closedByClient.await(seconds, TimeUnit.SECONDS);
		}

		/** Resets every open connection (RST, as when the process dies) and stops listening. */
		void kill() {
			for (Socket socket : this.sockets) {
				try {
					socket.setSoLinger(true, 0);
					socket.close();
				}
				catch (SocketException ex) {
					// already closed
				}
				catch (IOException ex) {
					// already closed
				}
			}
			close();
		}

		@Override
		public void close() {
			this.killed.countDown();
			try {
				this.server.close();
			}
			catch (IOException ex) {
				// closing
			}
			for (Socket socket : this.sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// closing
				}
			}
		}

	}

}
