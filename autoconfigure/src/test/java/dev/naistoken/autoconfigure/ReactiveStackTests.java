package dev.naistoken.autoconfigure;

import org.junit.jupiter.api.Nested;

import dev.naistoken.ReactiveStack;

/**
 * The HTTP suites of this package on the reactive stack: each nested class is a suite whose
 * application runs on WebFlux and a real Netty server instead of Spring MVC on Tomcat. The same test
 * methods, nothing copied; the few expectations that differ by stack ask {@link dev.naistoken.Stack}.
 */
class ReactiveStackTests {

	@Nested
	@ReactiveStack
	class HttpBehaviour extends HttpBehaviourTests {

	}

	@Nested
	@ReactiveStack
	class ApplicationChain extends ApplicationChainHttpBehaviourTests {

	}

}
