package dev.naistoken.ci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code .ci/java25} finds a Java 25 JDK from the environment, on no machine-specific path: it runs
 * each candidate's {@code java -version} and takes the first that says 25, and skips cleanly (exit
 * 0) when there is none.
 */
class Java25ScriptTests {

	private static final Path SCRIPT = Path.of("..", ".ci", "java25").toAbsolutePath().normalize();

	@TempDir
	Path jvms;

	@Test
	void findsTheJdkThatSays25AmongTheSearchedFolders() throws Exception {
		Path java17 = fakeJdk("jdk-17.0.9", "17.0.9");
		Path java25 = fakeJdk("jdk-25.0.1", "25.0.1");
		assertThat(java17.toString()).isLessThan(java25.toString());
		Result result = run(Map.of("JAVA25_SEARCH", "/nonexistent/*25* " + this.jvms + "/*"));
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).isEqualTo("java25: " + java25 + "\n");
	}

	@Test
	void java25HomeWinsOverTheSearch() throws Exception {
		fakeJdk("jdk-25-searched", "25");
		Path home = fakeJdk("home", "25.0.2");
		Result result = run(Map.of("JAVA25_HOME", home.toString(), "JAVA25_SEARCH", this.jvms + "/jdk-*"));
		assertThat(result.output()).isEqualTo("java25: " + home + "\n");
	}

	@Test
	void withNoJava25ItSaysItSkippedAndSucceeds() throws Exception {
		fakeJdk("jdk-25-but-17", "17.0.9");
		Result result = run(Map.of("JAVA25_SEARCH", this.jvms + "/*"));
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).startsWith("java25: skipped, no Java 25 JDK");
	}

	private Path fakeJdk(String name, String version) throws IOException {
		Path bin = Files.createDirectories(this.jvms.resolve(name).resolve("bin"));
		Path java = Files.writeString(bin.resolve("java"),
				"#!/bin/sh\necho 'openjdk version \"" + version + "\" 2025-10-21' >&2\n");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		return this.jvms.resolve(name);
	}

	private static Result run(Map<String, String> environment) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), "--find-jdk").redirectErrorStream(true);
		builder.environment().remove("JAVA25_HOME");
		builder.environment().remove("JAVA25_SEARCH");
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitCode, String output) {
	}

}
