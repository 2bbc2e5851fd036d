package dev.naistoken.reliability;

import org.junit.jupiter.api.Nested;

import dev.naistoken.ReactiveStack;

/**
 * The reliability suites on the reactive stack: each nested class is a suite whose application runs
 * on WebFlux and a real Netty server instead of Spring MVC on Tomcat, against the same endpoint faults.
 * The same test methods, nothing copied; the few expectations that differ by server ask
 * {@link ContainerTestSupport#stack()}.
 */
class ReactiveStackTests {

	@Nested
	@ReactiveStack
	class BadClientInput extends BadClientInputTests {

	}

	@Nested
	@ReactiveStack
	class FaultMatrix extends FaultMatrixTests {

	}

	@Nested
	@ReactiveStack
	class Recovery extends RecoveryTests {

	}

	@Nested
	@ReactiveStack
	class NoLeakForm extends NoLeakFormTests {

	}

	@Nested
	@ReactiveStack
	class NoLeakJson extends NoLeakJsonTests {

	}

}
