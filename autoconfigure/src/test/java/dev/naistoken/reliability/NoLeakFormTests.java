package dev.naistoken.reliability;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.system.CapturedOutput;

import dev.naistoken.Stack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NoLeakTestCases} with the token sent to the endpoint as a form (the default), in the context
 * the other container tests share.
 */
class NoLeakFormTests extends NoLeakTestCases {

	@Override
	String requestContentType() {
		return "application/x-www-form-urlencoded";
	}

	/**
	 * Why the starter leaves tokens in URLs refused, and why refusing them is not enough: Spring Security
	 * and Tomcat (WebFlux on the reactive stack) print request URLs at DEBUG, so a token in the query
	 * string is in the log whether or not the application accepts it ({@code SECURITY.md}).
	 */
	@Test
	void aTokenInTheQueryStringIsPrintedByTheFrameworks(CapturedOutput output) throws InterruptedException {
		int mark = output.getAll().length();
		BadClientInputTests.assertChallengeWithoutError(http().get("/api/hello?access_token=" + this.token));
		Thread.sleep(300);
		assertThat(records(output.getAll().substring(mark)))
			.filteredOn((record) -> record.contains("leakcanary0token"))
			.extracting(NoLeakTestCases::logger)
			.contains((stack() == Stack.SERVLET)
					? new String[] { "o.s.security.web.FilterChainProxy", TOMCAT_RAW_REQUEST_LOGGER }
					: new String[] { "o.s.w.s.adapter.HttpWebHandlerAdapter" });
		assertThat(introspections()).isZero();
	}

}
