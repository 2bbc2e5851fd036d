package dev.naistoken;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs test classes several times in this one JVM, one after the other, so that Spring's context cache,
 * logging and every other static state carry over from run to run as they do in a real build: a class
 * that passes alone but fails on its second run, or after another class, depends on order. Surefire
 * cannot show this (it runs a class once per JVM, whatever {@code -Dtest} lists), so this class is not
 * part of the normal test run (its name does not end in {@code Tests}); run it by name:
 * <pre>
 * ./mvnw -o -pl autoconfigure test -Dtest=InOneJvm                       # every *Tests class, twice
 * ./mvnw -o -pl autoconfigure test -Dtest=InOneJvm -DinOneJvm.classes=ClaimWarningLogTests,NoLeakFormTests \
 *     -DinOneJvm.rounds=2 -DinOneJvm.seed=42                             # these, shuffled per round
 * </pre>
 * Classes are named by simple or fully qualified name; without {@code inOneJvm.seed} they run in the
 * order given (alphabetical for all), with it each round shuffles them with {@code seed + round}.
 */
class InOneJvm {

	@Test
	void everyClassPassesEveryRound() {
		Launcher launcher = LauncherFactory.create();
		List<Class<?>> classes = classes(launcher);
		int rounds = Integer.getInteger("inOneJvm.rounds", 2);
		String seed = System.getProperty("inOneJvm.seed", "");
		List<String> failures = new ArrayList<>();
		long tests = 0;
		for (int round = 1; round <= rounds; round++) {
			List<Class<?>> order = new ArrayList<>(classes);
			if (!seed.isBlank()) {
				Collections.shuffle(order, new Random(Long.parseLong(seed) + round));
			}
			System.out.println("[InOneJvm] round " + round + ": " + order.stream().map(Class::getSimpleName).toList());
			for (Class<?> testClass : order) {
				SummaryGeneratingListener listener = new SummaryGeneratingListener();
				launcher.execute(request(DiscoverySelectors.selectClass(testClass)), listener);
				TestExecutionSummary summary = listener.getSummary();
				tests += summary.getTestsStartedCount();
				for (TestExecutionSummary.Failure failure : summary.getFailures()) {
					failures.add("round " + round + ", " + testClass.getSimpleName() + ": "
							+ failure.getTestIdentifier().getDisplayName() + ": " + failure.getException());
				}
				System.out.println("[InOneJvm] round " + round + " " + testClass.getSimpleName() + ": "
						+ summary.getTestsSucceededCount() + " passed, " + summary.getTotalFailureCount() + " failed, "
						+ summary.getTestsSkippedCount() + " skipped");
			}
		}
		System.out.println("[InOneJvm] " + tests + " tests in " + rounds + " rounds, " + failures.size() + " failed");
		assertThat(tests).as("tests run").isPositive();
		assertThat(failures).as("tests that failed in some round").isEmpty();
	}

	/** The classes named by {@code inOneJvm.classes}, or every top-level {@code *Tests} class of the module. */
	private static List<Class<?>> classes(Launcher launcher) {
		TestPlan plan = launcher.discover(request(DiscoverySelectors.selectPackage("dev.naistoken")));
		TreeMap<String, Class<?>> found = new TreeMap<>();
		for (TestIdentifier root : plan.getRoots()) {
			for (TestIdentifier child : plan.getChildren(root)) {
				if (child.getSource().orElse(null) instanceof ClassSource source) {
					found.put(source.getJavaClass().getName(), source.getJavaClass());
				}
			}
		}
		String named = System.getProperty("inOneJvm.classes", "");
		if (named.isBlank()) {
			return new ArrayList<>(found.values());
		}
		List<Class<?>> classes = new ArrayList<>();
		for (String name : Arrays.stream(named.split(",")).map(String::trim).filter((n) -> !n.isEmpty()).toList()) {
			Class<?> match = found.values()
				.stream()
				.filter((type) -> type.getName().equals(name) || type.getSimpleName().equals(name))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("no test class " + name + " in " + found.keySet()));
			classes.add(match);
		}
		return classes;
	}

	private static LauncherDiscoveryRequest request(org.junit.platform.engine.DiscoverySelector selector) {
		return LauncherDiscoveryRequestBuilder.request()
			.selectors(selector)
			.filters(EngineFilter.includeEngines("junit-jupiter"), ClassNameFilter.includeClassNamePatterns(".*Tests"))
			.build();
	}

}
