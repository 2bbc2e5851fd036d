package dev.naistoken.test;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * A small HTTP/1.1 server on the loopback interface: blocking sockets, keep-alive, one pooled thread per
 * open connection (at most {@code maxConnections}; more wait in line), {@code Content-Length} and chunked
 * request bodies. Lean on purpose, so that a load test of the starter measures the starter and not the
 * endpoint it talks to; it serves exactly what {@link FakeTexas} needs and nothing else.
 * <p>
 * Not the JDK's {@code com.sun.net.httpserver}: without a JVM-wide system property
 * ({@code sun.net.httpserver.nodelay}) its keep-alive answers wait on Nagle's algorithm and the client's
 * delayed ACK, tens of milliseconds each; with it, it still spends markedly more CPU per request than
 * this server (see the load comparison in {@code benchmarks/}); and it can neither reset a connection nor
 * count accepted ones, which the fault modes and keep-alive tests need.
 * <p>
 * {@link #stopListening()} closes the listening socket and every open connection, so clients get
 * "connection refused" as from a crashed sidecar; {@link #listen()} binds the same port again.
 */
final class LoopbackHttpServer implements AutoCloseable {

	private static final int MAX_HEAD_BYTES = 16 * 1024;

	private static final int MAX_BODY_BYTES = 256 * 1024;

	private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

	private final Handler handler;

	private final int idleTimeoutMillis;

	private final ThreadPoolExecutor workers;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicLong accepted = new AtomicLong();

	private @Nullable ServerSocket listener;

	private @Nullable Thread acceptor;

	private volatile int port;

	private volatile boolean closed;

	LoopbackHttpServer(int port, int maxConnections, Duration idleTimeout, Handler handler) {
		this.port = port;
		this.handler = handler;
		this.idleTimeoutMillis = Math.toIntExact(idleTimeout.toMillis());
		AtomicInteger threads = new AtomicInteger();
		this.workers = new ThreadPoolExecutor(maxConnections, maxConnections, 10, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "fake-texas-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.workers.allowCoreThreadTimeOut(true);
	}

	/** Binds the port (a free one the first time when it was 0) and accepts connections; idempotent. */
	synchronized void listen() throws IOException {
		if (this.closed) {
			throw new IllegalStateException("The fake endpoint is closed");
		}
		if (this.listener != null) {
			return;
		}
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 1024);
		this.port = socket.getLocalPort();
		this.listener = socket;
		this.acceptor = new Thread(() -> accept(socket), "fake-texas-accept-" + this.port);
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/**
	 * Refuses new connections and closes the open ones; idempotent. Waits for the accepting thread to
	 * leave {@code accept()}: until it has, the kernel still completes connections on the port.
	 */
	synchronized void stopListening() {
		if (this.listener != null) {
			closeQuietly(this.listener);
			this.listener = null;
			try {
				this.acceptor.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.acceptor = null;
		}
		this.open.forEach(LoopbackHttpServer::closeQuietly);
	}

	int port() {
		return this.port;
	}

	long connectionsAccepted() {
		return this.accepted.get();
	}

	@Override
	public void close() {
		synchronized (this) {
			this.closed = true;
			stopListening();
		}
		this.workers.shutdownNow();
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			Socket connection;
			try {
				connection = socket.accept();
			}
			catch (IOException ex) {
				continue;
			}
			this.accepted.incrementAndGet();
			this.open.add(connection);
			if (socket.isClosed()) {
				closeQuietly(connection);
				this.open.remove(connection);
				return;
			}
			try {
				this.workers.execute(() -> serve(connection));
			}
			catch (RejectedExecutionException ex) {
				closeQuietly(connection);
				this.open.remove(connection);
			}
		}
	}

	private void serve(Socket connection) {
		try (connection) {
			connection.setTcpNoDelay(true);
			connection.setSoTimeout(this.idleTimeoutMillis);
			Input in = new Input(connection.getInputStream());
			OutputStream out = new BufferedOutputStream(connection.getOutputStream(), 8192);
			boolean keepAlive = true;
			while (keepAlive && !this.closed) {
				Request request = readRequest(in, out);
				if (request == null) {
					return;
				}
				keepAlive = request.keepAlive();
				Reply reply = this.handler.handle(request);
				if (reply instanceof Reply.Answer answer) {
					write(out, answer, keepAlive, request.http10());
				}
				else if (reply == Reply.RESET) {
					connection.setSoLinger(true, 0);
					return;
				}
				else {
					return;
				}
			}
		}
		catch (BadRequest ex) {
			// answered inside readRequest; the connection is closed
		}
		catch (SocketTimeoutException | EOFException | SocketException ex) {
			// idle keep-alive connection, client gone, or stopListening()
		}
		catch (IOException ex) {
			// nothing to tell the client any more
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.open.remove(connection);
		}
	}

	private @Nullable Request readRequest(Input in, OutputStream out) throws IOException {
		String head = in.readHead();
		if (head == null) {
			return null;
		}
		String[] lines = head.split("\r?\n");
		String[] requestLine = lines[0].split(" ");
		if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
			throw badRequest(out, 400, "malformed request line");
		}
		boolean http10 = "HTTP/1.0".equals(requestLine[2]);
		String contentType = null;
		String connection = null;
		long contentLength = -1;
		boolean chunked = false;
		boolean expectContinue = false;
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon <= 0) {
				throw badRequest(out, 400, "malformed header");
			}
			String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = lines[i].substring(colon + 1).trim();
			switch (name) {
				case "content-type" -> contentType = value;
				case "connection" -> connection = value;
				case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				case "expect" -> expectContinue = "100-continue".equalsIgnoreCase(value);
				case "content-length" -> {
					try {
						contentLength = Long.parseLong(value);
					}
					catch (NumberFormatException ex) {
						throw badRequest(out, 400, "malformed Content-Length");
					}
				}
				default -> {
				}
			}
		}
		if (contentLength > MAX_BODY_BYTES) {
			throw badRequest(out, 413, "request body too large");
		}
		if (expectContinue) {
			out.write(CONTINUE);
			out.flush();
		}
		byte[] body = chunked ? readChunked(in, out) : in.readExactly(Math.max(0, (int) contentLength));
		boolean keepAlive = http10 ? "keep-alive".equalsIgnoreCase(connection) : !"close".equalsIgnoreCase(connection);
		return new Request(requestLine[0], requestLine[1], contentType, body, keepAlive, http10);
	}

	private static byte[] readChunked(Input in, OutputStream out) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
		while (true) {
			String sizeLine = in.readLine();
			int semicolon = sizeLine.indexOf(';');
			int size;
			try {
				size = Integer.parseInt((semicolon >= 0) ? sizeLine.substring(0, semicolon).trim() : sizeLine.trim(), 16);
			}
			catch (NumberFormatException ex) {
				throw badRequest(out, 400, "malformed chunk size");
			}
			if (size < 0 || body.size() + size > MAX_BODY_BYTES) {
				throw badRequest(out, 413, "request body too large");
			}
			if (size == 0) {
				while (!in.readLine().isEmpty()) {
					// trailers are ignored
				}
				return body.toByteArray();
			}
			body.write(in.readExactly(size));
			in.readLine();
		}
	}

	private static BadRequest badRequest(OutputStream out, int status, String message) throws IOException {
		write(out, new Reply.Answer(status, "text/plain", message.getBytes(StandardCharsets.UTF_8)), false, false);
		return new BadRequest();
	}

	private static void write(OutputStream out, Reply.Answer answer, boolean keepAlive, boolean http10)
			throws IOException {
		StringBuilder head = new StringBuilder(128).append("HTTP/1.1 ")
			.append(answer.status())
			.append(' ')
			.append(reason(answer.status()))
			.append("\r\nContent-Type: ")
			.append(answer.contentType())
			.append("\r\nContent-Length: ")
			.append(answer.body().length)
			.append("\r\n");
		if (!keepAlive) {
			head.append("Connection: close\r\n");
		}
		else if (http10) {
			head.append("Connection: keep-alive\r\n");
		}
		if (answer.status() == 405) {
			head.append("Allow: POST\r\n");
		}
		head.append("\r\n");
		out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		out.write(answer.body());
		out.flush();
	}

	private static String reason(int status) {
		return switch (status) {
			case 200 -> "OK";
			case 400 -> "Bad Request";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 413 -> "Payload Too Large";
			case 500 -> "Internal Server Error";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			default -> "Status";
		};
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// closing anyway
		}
	}

	/** Answers one request; may block (a slow or hanging endpoint). */
	@FunctionalInterface
	interface Handler {

		Reply handle(Request request) throws InterruptedException;

	}

	/**
	 * One request as received.
	 * @param method the method
	 * @param target the request target (path and query)
	 * @param contentType the {@code Content-Type} header, or {@code null}
	 * @param body the body, de-chunked
	 * @param keepAlive whether the connection stays open after the answer
	 * @param http10 whether the client spoke HTTP/1.0
	 */
	record Request(String method, String target, @Nullable String contentType, byte[] body, boolean keepAlive,
			boolean http10) {
	}

	/** What to do with a request. */
	sealed interface Reply {

		/** Close the connection without an answer. */
		Reply CLOSE = new Signal();

		/** Reset the connection (TCP RST) without an answer. */
		Reply RESET = new Signal();

		/**
		 * An HTTP answer.
		 * @param status the status
		 * @param contentType the {@code Content-Type}
		 * @param body the body
		 */
		record Answer(int status, String contentType, byte[] body) implements Reply {
		}

		/** A connection-level outcome. */
		final class Signal implements Reply {

			private Signal() {
			}

		}

	}

	/** A request answered with an error status; the connection is closed. */
	private static final class BadRequest extends IOException {

		private static final long serialVersionUID = 1L;

	}

	/** An unsynchronized buffered reader of the request bytes (a {@code BufferedInputStream} locks per byte). */
	private static final class Input {

		private final InputStream in;

		private final byte[] buffer = new byte[8192];

		private int position;

		private int limit;

		Input(InputStream in) {
			this.in = in;
		}

		private int read() throws IOException {
			if (this.position == this.limit) {
				int n = this.in.read(this.buffer);
				if (n <= 0) {
					return -1;
				}
				this.position = 0;
				this.limit = n;
			}
			return this.buffer[this.position++] & 0xFF;
		}

		/** The request line and headers, or {@code null} when the client closed the connection between requests. */
		@Nullable String readHead() throws IOException {
			StringBuilder head = new StringBuilder(256);
			int b;
			while ((b = read()) != -1) {
				if (head.isEmpty() && (b == '\r' || b == '\n')) {
					continue;
				}
				if (b == '\n') {
					int length = head.length();
					if (length >= 1 && head.charAt(length - 1) == '\n') {
						return head.substring(0, length - 1);
					}
					if (length >= 3 && head.charAt(length - 1) == '\r' && head.charAt(length - 2) == '\n') {
						return head.substring(0, length - 3);
					}
				}
				head.append((char) b);
				if (head.length() > MAX_HEAD_BYTES) {
					throw new EOFException("request head too large");
				}
			}
			if (head.isEmpty()) {
				return null;
			}
			throw new EOFException("connection closed inside a request head");
		}

		String readLine() throws IOException {
			StringBuilder line = new StringBuilder(16);
			int b;
			while ((b = read()) != -1) {
				if (b == '\n') {
					int length = line.length();
					return (length > 0 && line.charAt(length - 1) == '\r') ? line.substring(0, length - 1)
							: line.toString();
				}
				if (line.length() > 1024) {
					throw new EOFException("line too long");
				}
				line.append((char) b);
			}
			throw new EOFException("connection closed inside a chunked body");
		}

		byte[] readExactly(int length) throws IOException {
			byte[] bytes = new byte[length];
			int buffered = Math.min(length, this.limit - this.position);
			System.arraycopy(this.buffer, this.position, bytes, 0, buffered);
			this.position += buffered;
			int read = buffered;
			while (read < length) {
				int n = this.in.read(bytes, read, length - read);
				if (n < 0) {
					throw new EOFException("connection closed inside a request body");
				}
				read += n;
			}
			return bytes;
		}

	}

}
