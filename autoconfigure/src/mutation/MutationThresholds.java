import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The per-package thresholds of the {@code mutation} profile, which PIT does not have (its
 * {@code mutationThreshold} is one number for a whole run). Reads PIT's {@code mutations.xml} reports,
 * prints mutants, detected mutants and score per package and overall, and exits non-zero (failing the
 * build) when a named package or the total falls below its threshold. Run by the profile in the verify
 * phase, with the JDK's single-file source launcher:
 * <pre>
 * java src/mutation/MutationThresholds.java overall=80 dev.naistoken.web=90 ... -- report1.xml report2.xml
 * </pre>
 * "Detected" is PIT's own notion (killed, timed out, memory or run error), so the score is the one the
 * HTML report shows. A package named in a threshold that has no mutants fails too (a renamed package
 * must not silently drop its check). An argument {@code equivalent=<class>#<method>:<line>:<mutator>}
 * names an equivalent mutant (the POM gives the reason beside it), which is not counted; one that
 * matches no mutant of a class that was mutated fails the check, so a name cannot outlive its code.
 */
public class MutationThresholds {

	public static void main(String[] args) throws Exception {
		Map<String, Integer> thresholds = new LinkedHashMap<>();
		Map<String, Integer> equivalents = new LinkedHashMap<>();
		List<File> reports = new ArrayList<>();
		boolean files = false;
		for (String arg : args) {
			if (arg.equals("--")) {
				files = true;
			}
			else if (files) {
				reports.add(new File(arg));
			}
			else if (arg.startsWith("equivalent=")) {
				equivalents.put(arg.substring("equivalent=".length()).trim(), 0);
			}
			else {
				String[] pair = arg.split("=", 2);
				thresholds.put(pair[0].trim(), Integer.parseInt(pair[1].trim()));
			}
		}
		Map<String, int[]> packages = new TreeMap<>();
		List<String> survivors = new ArrayList<>();
		java.util.Set<String> mutatedClasses = new java.util.HashSet<>();
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		for (File report : reports) {
			if (!report.isFile()) {
				fail("no PIT report at " + report + " (did PIT run?)");
			}
			NodeList mutations = factory.newDocumentBuilder().parse(report).getElementsByTagName("mutation");
			for (int i = 0; i < mutations.getLength(); i++) {
				Element mutation = (Element) mutations.item(i);
				String mutatedClass = text(mutation, "mutatedClass");
				String pkg = mutatedClass.substring(0, Math.max(0, mutatedClass.lastIndexOf('.')));
				String key = mutatedClass + "#" + text(mutation, "mutatedMethod") + ":" + text(mutation, "lineNumber")
						+ ":" + text(mutation, "mutator").replaceAll(".*\\.", "");
				mutatedClasses.add(mutatedClass);
				if (equivalents.containsKey(key)) {
					// Named in the POM as equivalent (no test can tell it from the original): not counted.
					equivalents.merge(key, 1, Integer::sum);
					continue;
				}
				int[] counts = packages.computeIfAbsent(pkg, (name) -> new int[2]);
				counts[0]++;
				if (Boolean.parseBoolean(mutation.getAttribute("detected"))) {
					counts[1]++;
				}
				else {
					survivors.add(pkg + " " + mutation.getAttribute("status") + " " + mutatedClass + "."
							+ text(mutation, "mutatedMethod") + ":" + text(mutation, "lineNumber") + " "
							+ text(mutation, "mutator").replaceAll(".*\\.", "") + " (" + text(mutation, "description") + ")");
				}
			}
		}
		int[] total = new int[2];
		packages.values().forEach((counts) -> {
			total[0] += counts[0];
			total[1] += counts[1];
		});
		List<String> failures = new ArrayList<>();
		System.out.printf("%-40s %8s %8s %7s %9s%n", "package", "mutants", "detected", "score", "threshold");
		for (Map.Entry<String, int[]> entry : packages.entrySet()) {
			Integer threshold = thresholds.get(entry.getKey());
			line(entry.getKey(), entry.getValue(), threshold, failures);
		}
		for (String named : thresholds.keySet()) {
			if (!named.equals("overall") && !packages.containsKey(named)) {
				failures.add(named + ": no mutants (package renamed or not mutated?)");
			}
		}
		line("overall", total, thresholds.get("overall"), failures);
		int excluded = 0;
		for (Map.Entry<String, Integer> equivalent : equivalents.entrySet()) {
			excluded += equivalent.getValue();
			String mutatedClass = equivalent.getKey().substring(0, equivalent.getKey().indexOf('#'));
			if (equivalent.getValue() == 0 && mutatedClasses.contains(mutatedClass)) {
				// The class was mutated but the named mutant is gone: the code moved, so the name must be revisited.
				failures.add("equivalent mutant " + equivalent.getKey() + " no longer exists (line moved?)");
			}
		}
		System.out.printf("(%d mutants named equivalent in the POM, not counted)%n", excluded);
		if (!failures.isEmpty()) {
			System.out.println();
			System.out.println("Surviving mutants:");
			survivors.forEach((survivor) -> System.out.println("  " + survivor));
			fail("mutation score below threshold: " + String.join("; ", failures));
		}
		System.out.println("Mutation thresholds met.");
	}

	private static void line(String name, int[] counts, Integer threshold, List<String> failures) {
		double score = (counts[0] != 0) ? 100.0 * counts[1] / counts[0] : 100.0;
		boolean below = threshold != null && score < threshold;
		System.out.printf("%-40s %8d %8d %6.1f%% %9s%s%n", name, counts[0], counts[1], score,
				(threshold != null) ? threshold + "%" : "-", below ? "  BELOW" : "");
		if (below) {
			failures.add(String.format("%s %.1f%% < %d%%", name, score, threshold));
		}
	}

	private static String text(Element mutation, String tag) {
		NodeList nodes = mutation.getElementsByTagName(tag);
		return (nodes.getLength() > 0) ? nodes.item(0).getTextContent() : "";
	}

	private static void fail(String message) {
		System.err.println("[MutationThresholds] " + message);
		System.exit(1);
	}

}
