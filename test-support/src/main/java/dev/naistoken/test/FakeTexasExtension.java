package dev.naistoken.test;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A {@link FakeTexas} for tests without Spring: one per test class (shared with its {@code @Nested}
 * classes), passed to any test, lifecycle method or constructor parameter of type {@code FakeTexas},
 * {@linkplain FakeTexas#reset() reset} before each test and closed after the class.
 * <pre class="code">
 * &#64;ExtendWith(FakeTexasExtension.class)
 * class ClientTests {
 *     &#64;Test
 *     void activeToken(FakeTexas texas) {
 *         String token = texas.token().groups("...").issue();
 *         ...
 *     }
 * }
 * </pre>
 */
public final class FakeTexasExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(FakeTexasExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		texas(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		texas(context).reset();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == FakeTexas.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return texas(extensionContext);
	}

	/** The class's fake; the store closes it (it is AutoCloseable) when the class's context ends. */
	private static FakeTexas texas(ExtensionContext context) {
		ExtensionContext classContext = context;
		while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
			classContext = classContext.getParent().get();
		}
		return classContext.getStore(NAMESPACE)
			.computeIfAbsent(FakeTexas.class, (key) -> FakeTexas.start(), FakeTexas.class);
	}

}
