package dev.naistoken.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A loopback socket server that does one scripted thing with every connection, for the transport faults
 * no HTTP server produces: accepting and never reading, being killed (TCP RST) while a request waits,
 * headers then a stalled body, a body streamed without end, a kept-alive connection closed as it is
 * reused. {@link FakeTexas} is the endpoint for everything that is HTTP; this is only for what is not.
 */
public final class RawSocketEndpoint implements AutoCloseable {

	private final ServerSocket server;

	private final Behaviour behaviour;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicInteger accepted = new AtomicInteger();

	private final CountDownLatch requestsRead = new CountDownLatch(1);

	private final CountDownLatch killed = new CountDownLatch(1);

	private final CountDownLatch closedByClient = new CountDownLatch(1);

	/**
	 * Listens on a loopback port and serves each connection on a thread of its own.
	 * @param port the port; 0 takes a free one
	 * @param behaviour what to do with each connection
	 */
	public RawSocketEndpoint(int port, Behaviour behaviour) {
		this.behaviour = behaviour;
		try {
			this.server = new ServerSocket();
			this.server.setReuseAddress(true);
			this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot bind the raw socket endpoint to port " + port, ex);
		}
		Thread acceptor = new Thread(this::accept, "raw-endpoint-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * The port it listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * The introspection URL on this port.
	 * @return {@code http://127.0.0.1:<port>/api/v1/introspect}
	 */
	public String url() {
		return "http://127.0.0.1:" + port() + FakeTexas.PATH;
	}

	/**
	 * How many connections were accepted.
	 * @return the count
	 */
	public int accepted() {
		return this.accepted.get();
	}

	/**
	 * Waits until a behaviour has read a request completely.
	 * @param seconds how long to wait at most
	 * @return whether one was read in time
	 * @throws InterruptedException when interrupted
	 */
	public boolean awaitRequest(long seconds) throws InterruptedException {
		return this.requestsRead.await(seconds, TimeUnit.SECONDS);
	}

	/**
	 * Waits until the client has closed a connection (with {@link Behaviour#answerThenStall(byte[])}).
	 * @param seconds how long to wait at most
	 * @return whether it was closed in time
	 * @throws InterruptedException when interrupted
	 */
	public boolean awaitClosedByClient(long seconds) throws InterruptedException {
		return this.closedByClient.await(seconds, TimeUnit.SECONDS);
	}

	/**
	 * Blocks until {@link #kill()} or {@link #close()}.
	 * @throws InterruptedException when interrupted
	 */
	public void awaitKilled() throws InterruptedException {
		this.killed.await();
	}

	/** Resets every open connection (TCP RST, as when the process dies) and stops listening. */
	public void kill() {
		for (Socket socket : this.sockets) {
			try {
				socket.setSoLinger(true, 0);
				socket.close();
			}
			catch (IOException ex) {
				// already closed
			}
		}
		close();
	}

	/** Stops listening and closes every connection. */
	@Override
	public void close() {
		this.killed.countDown();
		closeQuietly(this.server);
		this.sockets.forEach(RawSocketEndpoint::closeQuietly);
	}

	/**
	 * Reads one request: head, then a body of its {@code Content-Length}.
	 * @param in the connection's input
	 * @return {@code false} when the connection ended before a request
	 * @throws IOException when reading fails
	 */
	public static boolean readRequest(InputStream in) throws IOException {
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
	 * The bytes of a text, as they go on the wire.
	 * @param text the text (ASCII)
	 * @return its bytes
	 */
	public static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.accepted.incrementAndGet();
				this.sockets.add(socket);
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
			this.behaviour.serve(socket, this);
		}
		catch (IOException | InterruptedException ex) {
			// the client went away, or the test killed the connection
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// closing anyway
		}
	}

	/** What the endpoint does with one accepted connection. */
	@FunctionalInterface
	public interface Behaviour {

		/**
		 * Serves one connection; the socket is closed afterwards.
		 * @param socket the connection
		 * @param endpoint the endpoint, for its latches
		 * @throws IOException when the connection fails
		 * @throws InterruptedException when interrupted
		 */
		void serve(Socket socket, RawSocketEndpoint endpoint) throws IOException, InterruptedException;

		/**
		 * Accepts and never reads nor writes a byte.
		 * @return the behaviour
		 */
		static Behaviour silent() {
			return (socket, endpoint) -> endpoint.awaitKilled();
		}

		/**
		 * Reads the request, then waits until {@link RawSocketEndpoint#kill()} resets the connection.
		 * @return the behaviour
		 */
		static Behaviour holdUntilKilled() {
			return (socket, endpoint) -> {
				readRequest(socket.getInputStream());
				endpoint.requestsRead.countDown();
				endpoint.awaitKilled();
			};
		}

		/**
		 * Reads the request, answers these bytes and closes the connection.
		 * @param bytes the whole answer, status line included
		 * @return the behaviour
		 */
		static Behaviour answer(byte[] bytes) {
			return (socket, endpoint) -> {
				readRequest(socket.getInputStream());
				endpoint.requestsRead.countDown();
				OutputStream out = socket.getOutputStream();
				out.write(bytes);
				out.flush();
			};
		}

		/**
		 * Reads the request, answers these bytes, then keeps the connection open without another byte
		 * until the client closes it.
		 * @param bytes the start of an answer
		 * @return the behaviour
		 */
		static Behaviour answerThenStall(byte[] bytes) {
			return (socket, endpoint) -> {
				answer(bytes).serve(socket, endpoint);
				if (socket.getInputStream().read() == -1) {
					endpoint.closedByClient.countDown();
				}
			};
		}

		/**
		 * Keeps each connection alive, answering its requests with a 200 and this JSON body while
		 * {@code answer} says yes for the request's number on the connection (1, 2, ...), and closing it
		 * unanswered at the first no.
		 * @param body the body of each answer
		 * @param answer whether to answer the request of this number
		 * @param requests counts the requests read
		 * @return the behaviour
		 */
		static Behaviour keepAlive(byte[] body, IntPredicate answer, AtomicInteger requests) {
			return (socket, endpoint) -> {
				InputStream in = socket.getInputStream();
				OutputStream out = socket.getOutputStream();
				for (int number = 1; readRequest(in); number++) {
					requests.incrementAndGet();
					if (!answer.test(number)) {
						return;
					}
					out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
							+ body.length + "\r\n\r\n"));
					out.write(body);
					out.flush();
				}
			};
		}

		/**
		 * Reads the request and streams a chunked 200 without end (64 MiB at most), until the client goes
		 * away.
		 * @return the behaviour
		 */
		static Behaviour endlessChunkedBody() {
			return (socket, endpoint) -> {
				readRequest(socket.getInputStream());
				endpoint.requestsRead.countDown();
				OutputStream out = socket.getOutputStream();
				out.write(ascii(
						"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
				byte[] chunk = ascii("2000\r\n" + "{\"a\":1}".repeat(8192 / 7) + " ".repeat(8192 % 7) + "\r\n");
				long limit = 64L * 1024 * 1024;
				for (long sent = 0; sent < limit; sent += chunk.length) {
					out.write(chunk);
				}
			};
		}

	}

}
