package dev.naistoken.test;

import java.io.PrintStream;

import org.springframework.context.ApplicationContext;

import dev.naistoken.rules.AccessReport;
import dev.naistoken.rules.AccessReports;

/**
 * Prints who may call what, as the running application enforces it: the same {@link AccessReport} as
 * Actuator endpoint {@code naistoken}, as a table. For a local run or a test's output:
 * <pre class="code">
 * AccessReportPrinter.print(context);
 * </pre>
 * <pre>
 * Access rules (nais-token):
 *   GET /api/cases              -&gt; any of groups readers, admins  (CaseController#list)
 *   POST /api/cases/{id}/close  -&gt; group admins  (CaseController#close)
 * </pre>
 * No token data: rules, providers, aliases and the cache's counts only.
 */
public final class AccessReportPrinter {

	private AccessReportPrinter() {
	}

	/**
	 * The application's access report as text.
	 * @param context the application's context
	 * @return the table, lines ending in a line break
	 */
	public static String text(ApplicationContext context) {
		return context.getBean(AccessReports.class).report().text();
	}

	/**
	 * Prints the application's access report to {@code System.out}.
	 * @param context the application's context
	 */
	public static void print(ApplicationContext context) {
		print(context, System.out);
	}

	/**
	 * Prints the application's access report.
	 * @param context the application's context
	 * @param out where to print it
	 */
	public static void print(ApplicationContext context, PrintStream out) {
		out.print(text(context));
		out.flush();
	}

}
