package dev.naistoken.introspection;

import java.util.concurrent.Executor;

import io.netty.util.internal.ThreadExecutorMap;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The Netty event loop a reactive introspection was asked on, so that its answer is handed back there.
 * <p>
 * An uncached answer arrives on whichever event loop runs the client's connection to the endpoint.
 * Finishing the request there means its response is written from a thread that is not its channel's,
 * and a keep-alive client's next request can then arrive before Reactor Netty has ended the previous
 * one: Reactor Netty up to at least 1.3.7 buffers that request and, in one interleaving, never reads the
 * connection again (reactor/reactor-netty#4361), so the client waits forever. Back on its own loop, the
 * response is written and ended in one task, before the next request is read; it also spares Netty the
 * hand-over of every write to another thread.
 */
final class CallingEventLoop {

	private static final boolean NETTY = ClassUtils.isPresent("io.netty.util.internal.ThreadExecutorMap",
			CallingEventLoop.class.getClassLoader());

	private CallingEventLoop() {
	}

	/**
	 * The event loop of the calling thread.
	 * @return the loop, or {@code null} when the calling thread is not a Netty event loop (or Netty is
	 * not on the class path)
	 */
	static @Nullable Executor current() {
		return NETTY ? Netty.current() : null;
	}

	/** Loaded only when Netty is on the class path. */
	private static final class Netty {

		static @Nullable Executor current() {
			return ThreadExecutorMap.currentExecutor();
		}

	}

}
