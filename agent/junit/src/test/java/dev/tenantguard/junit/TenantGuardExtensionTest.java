package dev.tenantguard.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.junit.sample.SampleRun;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension on sample test classes, run through the JUnit Platform launcher in a JVM of their
 * own (the agent attaches to that JVM, not to the build's): the test that crossed a tenant boundary
 * fails, naming itself and the violation; the others pass.
 */
class TenantGuardExtensionTest {
    private static final String CDS_NOTICE = "OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader"
            + " classes because bootstrap classpath has been appended";

    @TempDir
    Path root;

    @BeforeEach
    void tenantFiles() throws Exception {
        Files.createDirectories(root.resolve("tenants/acme"));
        Files.createDirectories(root.resolve("tenants/globex"));
        Files.writeString(root.resolve("tenants/acme/invoice.txt"), "acme invoice");
        Files.writeString(root.resolve("tenants/globex/invoice.txt"), "globex invoice");
    }

    @Test
    void inReportModeTheTestThatReadAnotherTenantsFileFailsAndTheOthersPass() throws Exception {
        Run run = run("dev.tenantguard.junit.sample.GuardedSample", "report");

        assertEquals(3, run.results.size(), run.toString());
        assertEquals("SUCCESSFUL|", run.results.get("readsItsOwnTenantsFile()"), run.toString());
        assertEquals("SUCCESSFUL|", run.results.get("listsItsOwnFolder()"), run.toString());
        String failed = run.results.get("export reads another tenant's invoice");
        assertTrue(failed.startsWith("FAILED|org.opentest4j.AssertionFailedError: tenant-guard: test 'export reads"
                + " another tenant's invoice' crossed a tenant boundary (1 violation):\\n  tenant acme tried to READ "
                + root.resolve("tenants/globex/invoice.txt") + " owned by tenant globex (rule " + root.resolve("tenants")
                + "/{tenant}/**) at dev.tenantguard.junit.sample.GuardedSample.lambda$readsAnotherTenantsFile$"),
                run.toString());
        assertTrue(run.stderr.contains("tenant-guard: report mode; files report (1 rules)"), run.toString());
        assertOnlyTheAgentsOwnLines(run);
    }

    @Test
    void inEnforceModeATestWhoseCodeSwallowedTheViolationStillFails() throws Exception {
        Run run = run("dev.tenantguard.junit.sample.SwallowingSample", "enforce");

        assertEquals(2, run.results.size(), run.toString());
        assertEquals("SUCCESSFUL|", run.results.get("deletesItsOwnFile()"), run.toString());
        String failed = run.results.get("swallowsTheBlockedRead()");
        assertTrue(failed.startsWith("FAILED|org.opentest4j.AssertionFailedError: tenant-guard: test"
                + " 'swallowsTheBlockedRead()' crossed a tenant boundary (1 violation):\\n  tenant acme tried to READ "
                + root.resolve("tenants/globex/invoice.txt") + " owned by tenant globex"), run.toString());
        assertFalse(run.stdout.contains("CONTAINER|"), run.toString());
        assertEquals(1, run.stderr.lines().filter(l -> l.startsWith("tenant-guard: enforce mode; files enforce")).count(),
                run.toString());
        assertOnlyTheAgentsOwnLines(run);
    }

    /**
     * The test JVM's stderr holds the agent's own lines (its start line, and its exit summary with the
     * summary's table) and nothing else: no warning of the JDK about a library calling
     * {@code sun.misc.Unsafe} (Java 24+ prints one when the shaded Byte Buddy does), nor about the
     * dynamic attach (the test JVM runs with {@code -XX:+EnableDynamicAgentLoading}, as docs/junit.md
     * says to on Java 21+). CI runs this on Java 17 and 25. One JVM line is let through: the class-data
     * sharing notice HotSpot prints when the bootstrap class path is appended at run time, which an
     * attached agent's bootstrap part needs (docs/junit.md names it).
     */
    private static void assertOnlyTheAgentsOwnLines(Run run) {
        List<String> others = run.stderr.lines()
                .filter(l -> !l.startsWith("tenant-guard") && !l.startsWith("  ") && !l.equals(CDS_NOTICE)).toList();
        assertEquals(List.of(), others, run.toString());
    }

    @Test
    void aClassThatLoadedTheTenantApiBeforeItsOwnPolicyCouldBeAttachedFailsWithTheReasonAndTheFix() throws Exception {
        Run run = run("dev.tenantguard.junit.sample.ApiFirstSample", "named");

        assertTrue(run.results.isEmpty(), run.toString());
        assertTrue(run.stdout.contains("CONTAINER|ApiFirstSample|FAILED|java.lang.IllegalStateException: tenant-guard:"
                + " the agent could not be attached to this test JVM (exit 70)"), run.toString());
        assertTrue(run.stdout.contains("the application already loaded dev.tenantguard.api.TenantBoundaryViolation"),
                run.toString());
        assertTrue(run.stdout.contains("In tests: name the policy src/test/resources/tenant-guard-test.yaml so the agent"
                + " attaches when the test run starts"), run.toString());
    }

    @Test
    void aTestJvmStartedWithTheAgentKeepsItAndTheViolatingTestStillFails() throws Exception {
        Path policy = Path.of("src/test/sample-policies/report/tenant-guard-test.yaml").toAbsolutePath();
        Run run = run("dev.tenantguard.junit.sample.GuardedSample", "named",
                List.of("-javaagent:" + embeddedAgentJar() + "=config=" + policy));

        assertEquals("SUCCESSFUL|", run.results.get("readsItsOwnTenantsFile()"), run.toString());
        assertTrue(run.results.get("export reads another tenant's invoice").startsWith("FAILED|org.opentest4j."
                + "AssertionFailedError: tenant-guard: test 'export reads another tenant's invoice' crossed a tenant"
                + " boundary (1 violation):\\n  tenant acme tried to READ "), run.toString());
        assertTrue(run.stderr.contains("tenant-guard: the test JVM already runs the agent (report mode; files report"),
                run.toString());
        assertEquals(1, run.stderr.lines().filter(l -> l.startsWith("tenant-guard: report mode;")).count(), run.toString());
    }

    /** The agent jar this module embeds (copied out of target/classes for the JVM option). */
    private Path embeddedAgentJar() {
        Path jar = Path.of("target/classes/META-INF/tenant-guard/tenant-guard-agent.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build with mvn verify");
        return jar;
    }

    /** Runs a sample class in a new JVM whose test resources hold the policy of {@code policyDirectory}. */
    private Run run(String sampleClass, String policyDirectory) throws Exception {
        return run(sampleClass, policyDirectory, List.of());
    }

    private Run run(String sampleClass, String policyDirectory, List<String> jvmOptions) throws Exception {
        List<String> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("surefire")).collect(Collectors.toList());
        classPath.add(Path.of("src/test/sample-policies", policyDirectory).toAbsolutePath().toString());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 21) {
            command.add("-XX:+EnableDynamicAgentLoading"); // as docs/junit.md tells users to, on 21+
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), SampleRun.class.getName(), sampleClass));
        Path out = Files.createTempFile(root, "sample", ".out");
        Path err = Files.createTempFile(root, "sample", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TENANTGUARD_"));
        Process process = builder.start();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the sample run did not end");
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), command);
        assertEquals(0, run.exitCode, run.toString());
        return run;
    }

    private static final class Run {
        final int exitCode;
        final String stdout;
        final String stderr;
        final List<String> command;
        final Map<String, String> results = new LinkedHashMap<>();

        Run(int exitCode, String stdout, String stderr, List<String> command) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
            this.command = command;
            stdout.lines().filter(l -> l.startsWith("RESULT|")).forEach(l -> {
                String[] parts = l.split("\\|", 3);
                results.put(parts[1], parts[2]);
            });
        }

        @Override
        public String toString() {
            return "command: " + String.join(" ", command) + "\nexit code: " + exitCode + "\nstdout:\n" + stdout
                    + "\nstderr:\n" + stderr;
        }
    }
}
