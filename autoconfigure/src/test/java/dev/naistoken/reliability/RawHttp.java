package dev.naistoken.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP/1.1 client that writes the request byte for byte, so a test can send what real clients
 * refuse to (two {@code Authorization} headers, control characters, a 64 KiB header) and see exactly
 * what the servlet container answers.
 */
final class RawHttp {

	private final int port;

	RawHttp(int port) {
		this.port = port;
	}

	/** A GET with the given header lines ({@code "Name: value"}). */
	Reply get(String target, String... headerLines) {
		return send("GET", target, null, null, headerLines);
	}

	/** A GET with {@code Authorization: Bearer <token>}. */
	Reply bearer(String target, String token) {
		return get(target, "Authorization: Bearer " + token);
	}

	/** A form POST with the given body and header lines. */
	Reply postForm(String target, String body, String... headerLines) {
		return send("POST", target, "application/x-www-form-urlencoded", body, headerLines);
	}

	Reply send(String method, String target, @Nullable String contentType, @Nullable String body,
			String... headerLines) {
		StringBuilder request = new StringBuilder(256).append(method)
			.append(' ')
			.append(target)
			.append(" HTTP/1.1\r\nHost: 127.0.0.1:")
			.append(this.port)
			.append("\r\nConnection: close\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (contentType != null) {
			request.append("Content-Type: ").append(contentType).append("\r\n");
		}
		if (body != null) {
			request.append("Content-Length: ").append(content.length).append("\r\n");
		}
		request.append("\r\n");
		return exchange(request.toString().getBytes(StandardCharsets.ISO_8859_1), content);
	}

	private Reply exchange(byte[] head, byte[] content) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(head);
			out.write(content);
			out.flush();
			return Reply.parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n; (n = in.read(buffer)) != -1;) {
				bytes.write(buffer, 0, n);
			}
		}
		catch (java.net.SocketException ex) {
			// the container may reset the connection after a refused request; what arrived counts
			if (bytes.size() == 0) {
				throw ex;
			}
		}
		return bytes.toByteArray();
	}

	/**
	 * What the container sent back.
	 * @param status the status code
	 * @param headers the header lines as sent, {@code Name: value}
	 * @param body the body, chunked encoding removed
	 * @param raw the whole answer as text, for messages and leak checks
	 */
	record Reply(int status, List<String> headers, String body, String raw) {

		static Reply parse(byte[] bytes) {
			// ISO-8859-1 maps byte for byte, so chunk sizes count right; the body is decoded as UTF-8 at the end
			String raw = new String(bytes, StandardCharsets.ISO_8859_1);
			int end = raw.indexOf("\r\n\r\n");
			if (!raw.startsWith("HTTP/1.1 ") || end < 0) {
				throw new IllegalStateException("not an HTTP answer: " + raw);
			}
			String[] lines = raw.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].substring(9, 12));
			List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
			String body = raw.substring(end + 4);
			boolean chunked = headers.stream().anyMatch((line) -> line.equalsIgnoreCase("Transfer-Encoding: chunked"));
			return new Reply(status, headers, utf8(chunked ? dechunk(body) : body), utf8(raw));
		}

		/** The first value of a header, or {@code null}. */
		@Nullable String header(String name) {
			List<String> values = headers(name);
			return values.isEmpty() ? null : values.get(0);
		}

		List<String> headers(String name) {
			String prefix = name.toLowerCase(Locale.ROOT) + ":";
			List<String> values = new ArrayList<>();
			for (String line : this.headers) {
				if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
					values.add(line.substring(prefix.length()).trim());
				}
			}
			return values;
		}

		private static String utf8(String latin1) {
			return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
		}

		private static String dechunk(String body) {
			StringBuilder out = new StringBuilder();
			int at = 0;
			while (true) {
				int lineEnd = body.indexOf("\r\n", at);
				if (lineEnd < 0) {
					return out.toString();
				}
				int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
				if (size == 0) {
					return out.toString();
				}
				out.append(body, lineEnd + 2, lineEnd + 2 + size);
				at = lineEnd + 2 + size + 2;
			}
		}

		@Override
		public String toString() {
			return this.raw;
		}

	}

}
