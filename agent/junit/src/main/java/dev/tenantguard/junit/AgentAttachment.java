package dev.tenantguard.junit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Puts the agent into this JVM once. A helper JVM runs the agent's attach command against this
 * process (as Byte Buddy's agent installer does), so the test JVM needs no
 * {@code -Djdk.attach.allowAttachSelf}; the agent jar comes from inside this artifact, or from
 * {@code -Ddev.tenantguard.agentJar=<path>}.
 */
final class AgentAttachment {
    /** The agent's status property ({@code AttachStatus.RUNNING}): set once the agent runs. */
    static final String RUNNING = "dev.tenantguard.agent";
    private static final String EMBEDDED_JAR = "META-INF/tenant-guard/tenant-guard-agent.jar";
    private static final long TIMEOUT_SECONDS = 120;

    private static Path installedPolicy;
    /** The test JVM was started with the agent ({@code -javaagent}): its policy is the one in force. */
    private static boolean startedElsewhere;
    /** An attach that failed, with its reason: every class asking for that policy fails with it. */
    private static Path failedPolicy;
    private static String failure;

    private AgentAttachment() {
    }

    /** {@link #ensure}, keeping a failure for the classes that ask for this policy instead of throwing it. */
    static synchronized void tryEnsure(Path policy) {
        try {
            ensure(policy);
        } catch (IOException | RuntimeException e) {
            failedPolicy = policy;
            failure = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Makes sure the agent runs with {@code policy}: attached with it, or, when the test JVM
     * was started with {@code -javaagent}, that agent with its own policy (the named one is then not
     * even looked up).
     */
    static synchronized void ensure(Supplier<Path> policy) throws IOException, InterruptedException {
        if (!startedWithAgent()) {
            ensure(policy.get());
        }
    }

    static synchronized void ensure(Path policy) throws IOException, InterruptedException {
        if (startedWithAgent()) {
            return;
        }
        if (policy.equals(failedPolicy)) {
            throw new IllegalStateException(failure);
        }
        if (installedPolicy != null) {
            if (!installedPolicy.equals(policy)) {
                throw new IllegalStateException("tenant-guard: this test JVM already runs the agent with the policy "
                        + installedPolicy + ", not " + policy + ": one policy per JVM; run classes with another policy"
                        + " in a test JVM of their own (e.g. another surefire execution)");
            }
            return;
        }
        attach(policy);
        ViolationCollector.INSTANCE.listen();
        installedPolicy = policy;
    }

    /** Whether the agent was there before this extension attached anything (-javaagent, e.g. in surefire's argLine). */
    private static boolean startedWithAgent() throws InterruptedException {
        if (!startedElsewhere && installedPolicy == null && System.getProperty(RUNNING) != null) {
            startedElsewhere = true;
            System.err.println("tenant-guard: the test JVM already runs the agent (" + System.getProperty(RUNNING)
                    + "); its policy applies, not the one the test classes name");
            ViolationCollector.INSTANCE.listen();
        }
        return startedElsewhere;
    }

    private static void attach(Path policy) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                agentJar().toString(), "attach", String.valueOf(ProcessHandle.current().pid()), "config=" + policy);
        Path output = Files.createTempFile("tenant-guard-attach", ".txt");
        try {
            Process helper = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!helper.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                helper.destroyForcibly();
                throw new IllegalStateException("tenant-guard: attaching the agent took more than " + TIMEOUT_SECONDS
                        + " s: " + String.join(" ", command));
            }
            String said = Files.readString(output, StandardCharsets.UTF_8).trim();
            if (helper.exitValue() != 0) {
                throw new IllegalStateException("tenant-guard: the agent could not be attached to this test JVM (exit "
                        + helper.exitValue() + "):\n" + said + (said.contains("the application already loaded")
                                ? "\nIn tests: name the policy src/test/resources/" + TenantGuardExtension.DEFAULT_POLICY
                                        + " so the agent attaches when the test run starts, before test classes load"
                                        + " (or give the test JVM -javaagent:tenant-guard-agent.jar=config=<policy>)"
                                : ""));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Path agentJar() throws IOException {
        String configured = System.getProperty("dev.tenantguard.agentJar");
        if (configured != null) {
            return Path.of(configured);
        }
        try (InputStream embedded = AgentAttachment.class.getClassLoader().getResourceAsStream(EMBEDDED_JAR)) {
            if (embedded == null) {
                throw new IllegalStateException("tenant-guard: " + EMBEDDED_JAR + " is missing from the class path (a"
                        + " tenant-guard-junit jar built without the agent): set -Ddev.tenantguard.agentJar=<path>");
            }
            Path copy = Files.createTempFile("tenant-guard-agent", ".jar");
            copy.toFile().deleteOnExit();
            Files.copy(embedded, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        }
    }
}
