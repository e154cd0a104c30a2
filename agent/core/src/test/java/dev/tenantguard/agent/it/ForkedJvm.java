package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a main class of the test classes in a new JVM, with the real agent jar. */
final class ForkedJvm {
    private static final long TIMEOUT_SECONDS = 120;

    private ForkedJvm() {
    }

    /** The shaded agent jar built by this module's package phase. */
    static Path agentJar() {
        String jar = System.getProperty("tgtest.agentJar");
        assertTrue(jar != null && Files.isRegularFile(Path.of(jar)),
                "the agent jar " + jar + " does not exist: run the integration tests with 'mvn verify', after 'package'");
        return Path.of(jar);
    }

    /**
     * The jars of this test run's class path whose file names contain one of {@code fragments},
     * joined as a class path: the libraries a probe app needs besides the test classes.
     */
    static String testJars(String... fragments) {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            for (String fragment : fragments) {
                if (name.endsWith(".jar") && name.contains(fragment)) {
                    jars.add(entry);
                    break;
                }
            }
        }
        assertTrue(!jars.isEmpty(), "no jar of " + List.of(fragments) + " on the test class path");
        return String.join(java.io.File.pathSeparator, jars);
    }

    static Result run(Path workingDirectory, String agentOptions, List<String> jvmOptions, Map<String, String> environment,
            String mainClass, List<String> args) throws IOException, InterruptedException {
        return run(workingDirectory, agentOptions, jvmOptions, environment, mainClass, args, null);
    }

    /** As above, with {@code extraClassPath} (may be null) after the test classes. */
    static Result run(Path workingDirectory, String agentOptions, List<String> jvmOptions, Map<String, String> environment,
            String mainClass, List<String> args, String extraClassPath) throws IOException, InterruptedException {
        return run(workingDirectory, agentOptions, jvmOptions, environment, mainClass, args, extraClassPath,
                TIMEOUT_SECONDS);
    }

    /** As above, failing when the JVM has not ended after {@code timeoutSeconds}. */
    static Result run(Path workingDirectory, String agentOptions, List<String> jvmOptions, Map<String, String> environment,
            String mainClass, List<String> args, String extraClassPath, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-javaagent:" + agentJar() + (agentOptions == null ? "" : "=" + agentOptions));
        command.addAll(jvmOptions);
        command.add("-cp");
        String testClasses = System.getProperty("tgtest.testClasses", "target/test-classes");
        command.add(extraClassPath == null ? testClasses : testClasses + java.io.File.pathSeparator + extraClassPath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TENANTGUARD_"));
        builder.environment().putAll(environment);
        Path stdout = Files.createTempFile("forked-jvm", ".out");
        Path stderr = Files.createTempFile("forked-jvm", ".err");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the forked JVM did not end within " + timeoutSeconds + " s: " + command + "\nstdout:\n"
                    + Files.readString(stdout) + "\nstderr:\n" + Files.readString(stderr));
        }
        Result result = new Result(command, process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
        return result;
    }

    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** The output line of step {@code index}, without its {@code STEP i } prefix. */
        String step(int index) {
            String prefix = "STEP " + index + " ";
            return stdout.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                    .orElseThrow(() -> new AssertionError("no output for step " + index + "\n" + this));
        }

        @Override
        public String toString() {
            return "command: " + String.join(" ", command) + "\nexit code: " + exitCode + "\nstdout:\n" + stdout
                    + "\nstderr:\n" + stderr;
        }
    }
}
