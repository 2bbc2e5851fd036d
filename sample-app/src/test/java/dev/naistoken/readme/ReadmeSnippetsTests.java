package dev.naistoken.readme;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java the documentation shows compiles as shown, so a reader can copy it: every {@code ```java}
 * block of {@code README.md} and {@code docs/*.md} is a complete compilation unit, imports included,
 * compiled against this module's test class path (the starter, the test kit, Spring Boot's test
 * modules). A block that is deliberately a fragment is preceded by a line
 * {@code <!-- fragment: why -->} and is not compiled; a failure names the file and line of the block.
 */
class ReadmeSnippetsTests {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final String FRAGMENT = "<!-- fragment:";

	private static final Pattern PUBLIC_TYPE = Pattern
		.compile("(?m)^public\\s+(?:final\\s+|abstract\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");

	@TempDir
	Path work;

	@Test
	void everyJavaBlockCompiles() throws IOException {
		List<Block> blocks = blocks();
		assertThat(blocks).as("java blocks in README.md and docs/*.md").isNotEmpty();
		Map<String, Block> bySource = new HashMap<>();
		List<Path> sources = new ArrayList<>();
		for (Block block : blocks) {
			if (block.fragment()) {
				continue;
			}
			String pkg = "snippet" + sources.size();
			Path source = Files.createDirectories(this.work.resolve("src").resolve(pkg)).resolve(fileName(block.code()));
			// The package on the block's first line, so the compiler's line numbers are the block's.
			String code = block.code().contains("\npackage ") || block.code().startsWith("package ") ? block.code()
					: "package " + pkg + "; " + block.code();
			Files.writeString(source, code);
			sources.add(source);
			bySource.put(source.toString(), block);
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		assertThat(compiler).as("a JDK's compiler (the tests run on a JRE)").isNotNull();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		Path classes = Files.createDirectories(this.work.resolve("classes"));
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
				StandardCharsets.UTF_8)) {
			List<String> options = List.of("-proc:none", "-nowarn", "-d", classes.toString(), "-classpath",
					System.getProperty("java.class.path"));
			compiler.getTask(new StringWriter(), files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
				.call();
		}
		List<String> errors = diagnostics.getDiagnostics()
			.stream()
			.filter((diagnostic) -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
			.map((diagnostic) -> {
				Block block = bySource.get(Path.of(diagnostic.getSource().toUri()).toString());
				return block.file() + ":" + (block.line() + diagnostic.getLineNumber()) + ": "
						+ diagnostic.getMessage(Locale.ROOT);
			})
			.toList();
		assertThat(errors).as("compiler errors in the documentation's Java blocks").isEmpty();
	}

	@Test
	void fragmentsSayWhy() throws IOException {
		for (Block block : blocks()) {
			if (block.fragment()) {
				assertThat(block.why()).as("%s:%d: the reason of the fragment", block.file(), block.line()).isNotBlank();
			}
		}
	}

	@Test
	void theOwnFilterChainExampleIsTheTestedCode() throws IOException {
		String file = Files.readString(ROOT.resolve("sample-app/src/test/java/dev/naistoken/readme/ApiSecurity.java"));
		String code = file.substring(file.indexOf("\nimport ") + 1);
		assertThat(blocks()).extracting(Block::code).contains(code);
	}

	static List<Block> blocks() throws IOException {
		List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(files::add);
		}
		List<Block> blocks = new ArrayList<>();
		for (Path file : files) {
			List<String> lines = Files.readAllLines(file);
			String previous = "";
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				if (line.strip().equals("```java")) {
					int start = i + 1;
					int end = start;
					while (end < lines.size() && !lines.get(end).strip().equals("```")) {
						end++;
					}
					String why = previous.startsWith(FRAGMENT)
							? previous.substring(FRAGMENT.length(), previous.lastIndexOf("-->")).strip() : null;
					blocks.add(new Block(ROOT.relativize(file).toString(), start,
							lines.subList(start, end).stream().collect(Collectors.joining("\n", "", "\n")), why));
					i = end;
				}
				if (!line.isBlank()) {
					previous = line.strip();
				}
			}
		}
		return blocks;
	}

	private static String fileName(String code) {
		Matcher type = PUBLIC_TYPE.matcher(code);
		return (type.find() ? type.group(1) : "Snippet") + ".java";
	}

	/**
	 * A fenced Java block.
	 * @param file the Markdown file, relative to the repository
	 * @param line the line before the block's first line (the fence), 1-based
	 * @param code the block's text
	 * @param why the reason it is a fragment, or {@code null} when it must compile
	 */
	record Block(String file, int line, String code, String why) {

		boolean fragment() {
			return this.why != null;
		}

	}

}
