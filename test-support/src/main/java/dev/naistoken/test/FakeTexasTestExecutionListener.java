package dev.naistoken.test;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the context's {@link FakeTexas} before every test method of a class annotated
 * {@link AutoConfigureFakeTexas}, so a fault one test sets up cannot leak into the next. Registered in
 * {@code META-INF/spring.factories}.
 */
final class FakeTexasTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		// After dependency injection (2000), before Spring Security Test's security context (10000).
		return 2500;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), AutoConfigureFakeTexas.class)) {
			testContext.getApplicationContext().getBeanProvider(FakeTexas.class).ifAvailable(FakeTexas::reset);
		}
	}

}
