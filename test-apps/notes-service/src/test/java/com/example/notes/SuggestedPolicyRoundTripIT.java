package com.example.notes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.notes.billing.BillingServer;
import com.example.notes.scenario.ScenarioDriver;
import dev.tenantguard.testkit.JsonLines;
import dev.tenantguard.testkit.ServicePort;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy {@code suggest} writes from what the service does finds the planted bugs: the service
 * runs under the agent with a policy that guards nothing and observes ({@code report.observe: true}),
 * the correct traffic is driven as the three tenants, {@code java -jar tenant-guard-agent.jar suggest}
 * prints a policy from the observations, and the service runs again with that policy, as is, in
 * report mode, through the whole scenario: each planted bug of the families the suggestion covers
 * (files, JDBC, HTTP) is reported at its call site, and the correct traffic reports nothing.
 */
class SuggestedPolicyRoundTripIT {
    private static final long TIMEOUT_SECONDS = 60;

    /** The planted bugs of the families a suggestion covers, as report mode records them. */
    private static final Map<String, String[]> COVERED_BUGS = Map.of(
            "bug-idor-rename", new String[] {"CROSS_TENANT", "jdbc", "com.example.notes.db.NoteRepository.rename("},
            "bug-suggest-across-tenants", new String[] {"UNSCOPED_QUERY", "jdbc", "com.example.notes.db.NoteRepository.suggest("},
            "bug-index-batch-mixed-tenants", new String[] {"CROSS_TENANT", "jdbc", "com.example.notes.db.NoteRepository.textOf("},
            "bug-export-wrong-folder", new String[] {"CROSS_TENANT", "files", "com.example.notes.files.NoteExporter.exportCsv("},
            "bug-download-traversal", new String[] {"CROSS_TENANT", "files", "com.example.notes.files.AttachmentStore.read("},
            "bug-retention-without-tenant", new String[] {"NO_TENANT", "files", "com.example.notes.files.ExportRetention."},
            "bug-usage-other-account", new String[] {"CROSS_TENANT", "http", "com.example.notes.billing.BillingClient.notesCreated("});

    @TempDir
    Path dir;

    private final StringBuilder transcript = new StringBuilder();

    @Test
    void theSuggestedPolicyUsedAsIsReportsEveryCoveredPlantedBugAndNothingElse() throws Exception {
        Path agent = requiredFile("tgtest.agentJar", "the agent jar; build it with `mvn -pl agent/core -am package`");
        Path app = requiredFile("notes.jar", "the service jar; build it with `mvn -pl test-apps/notes-service -am package`");
        Path observedJsonl = dir.resolve("observed.jsonl");
        Path observing = dir.resolve("observing.yaml");
        Files.writeString(observing, String.join("\n",
                "mode: report",
                "report:",
                "  jsonl: " + quoted(observedJsonl.toString()),
                "  observe: true",
                ""));
        Path suggested = dir.resolve("suggested.yaml");
        Path checkedJsonl = dir.resolve("checked.jsonl");
        String billingBase;
        try (BillingServer billing = BillingServer.start(0)) {
            billingBase = "http://127.0.0.1:" + billing.port();
            Map<String, String> observedSteps = run(agent, app, billingBase, "config=" + observing,
                    ScenarioDriver::runCorrectTraffic);
            assertTrue(!observedSteps.isEmpty() && observedSteps.values().stream().allMatch("OK"::equals),
                    "the correct traffic runs: " + observedSteps + transcript);
            assertEquals(List.of(), violations(observedJsonl), "a policy without rules reports nothing" + transcript);
        }

        String policy = suggest(agent, observedJsonl);
        Files.writeString(suggested, policy);
        String tenants = dir.resolve("data").resolve("tenants").toString();
        assertAll(
                () -> assertTrue(policy.contains("- " + quoted(tenants + "/{tenant}/**")), policy),
                () -> assertTrue(policy.contains("- " + quoted(billingBase + "/v1/tenants/{tenant}/**")), policy),
                () -> assertTrue(policy.contains("column: \"tenant_id\"") && policy.contains("- \"notes\"")
                        && policy.contains("- \"attachments\""), policy),
                () -> assertEquals(policy.lines().filter(l -> l.trim().startsWith("- ")).count() + 1,
                        policy.lines().filter(l -> l.trim().startsWith("# evidence:")).count(),
                        "each rule has its evidence (and jdbc its column)\n" + policy));

        // a fresh billing service on the port the suggested rule names: it counts this run's requests only
        try (BillingServer billing = BillingServer.start(URI.create(billingBase).getPort())) {
            // the suggested file as is; the JSON lines to a file of this test's choosing, as an agent option
            Map<String, String> steps = run(agent, app, billingBase, "config=" + suggested + ",report.jsonl=" + checkedJsonl,
                    ScenarioDriver::run);
            List<Map<String, Object>> violations = violations(checkedJsonl);
            transcript.append("--- suggested policy\n").append(policy).append("--- violations\n").append(violations);
            assertAll(
                    () -> steps.forEach((step, outcome) -> assertTrue(outcome.startsWith("OK"),
                            "report mode lets " + step + " through: " + outcome + transcript)),
                    () -> COVERED_BUGS.forEach((step, bug) -> assertTrue(violations.stream().anyMatch(v -> matches(bug, v)),
                            "not reported: " + step + " (" + String.join(" ", bug) + ")" + transcript)),
                    () -> violations.forEach(v -> assertTrue(COVERED_BUGS.values().stream().anyMatch(bug -> matches(bug, v)),
                            "a violation no planted bug explains (a false alarm on correct traffic): " + v + transcript)));
        }
    }

    /** The violations of a report (not its audit lines). */
    private static List<Map<String, Object>> violations(Path jsonl) throws IOException {
        return JsonLines.read(jsonl).stream()
                .filter(e -> "REPORTED".equals(e.get("action")) || "BLOCKED".equals(e.get("action"))).toList();
    }

    private static boolean matches(String[] bug, Map<String, Object> v) {
        return bug[0].equals(v.get("kind")) && bug[1].equals(v.get("family"))
                && Objects.toString(v.get("callSite"), "").startsWith(bug[2]);
    }

    /** Runs the service under the agent with {@code options}, drives it, stops it with SIGTERM. */
    private Map<String, String> run(Path agent, Path app, String billingBase, String options,
            java.util.function.BiFunction<URI, PrintStream, Map<String, String>> driver) throws Exception {
        deleteTree(dir.resolve("data")); // a fresh service, its files where the first run kept them
        Path portFile = dir.resolve("notes.port");
        Files.deleteIfExists(portFile);
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent + "=" + options,
                "-jar", app.toString(),
                "--data", dir.resolve("data").toString(),
                "--port", "0",
                "--billing", billingBase,
                "--port-file", portFile.toString());
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process service = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        ByteArrayOutputStream driverOutput = new ByteArrayOutputStream();
        Map<String, String> steps = Map.of();
        String problem = null;
        try {
            URI base = URI.create("http://127.0.0.1:" + ServicePort.await(portFile, service, TIMEOUT_SECONDS));
            steps = driver.apply(base, new PrintStream(driverOutput, true, StandardCharsets.UTF_8));
        } catch (Exception | AssertionError e) {
            problem = e.toString();
        } finally {
            service.destroy(); // SIGTERM: the agent writes its report and observations at exit
            if (!service.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                problem = "the service did not stop within " + TIMEOUT_SECONDS + " s";
            }
        }
        transcript.append("\n--- command\n").append(String.join(" ", command))
                .append("\n--- scenario\n").append(driverOutput.toString(StandardCharsets.UTF_8))
                .append("--- service stderr\n").append(read(stderr));
        if (problem != null) {
            fail(problem + transcript);
        }
        return steps;
    }

    /** {@code java -jar tenant-guard-agent.jar suggest <violations.jsonl>}: its standard output. */
    private String suggest(Path agent, Path violations) throws Exception {
        Path out = dir.resolve("suggest.out");
        Path err = dir.resolve("suggest.err");
        Process suggest = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", agent.toString(), "suggest", violations.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(suggest.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "suggest did not end");
        transcript.append("\n--- suggest stderr\n").append(read(err));
        assertEquals(0, suggest.exitValue(), "suggest failed" + transcript);
        return Files.readString(out);
    }

    private static Path requiredFile(String property, String what) {
        String value = System.getProperty(property);
        if (value == null) {
            fail("system property " + property + " is not set (" + what + "); run this test through maven-failsafe");
        }
        Path file = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            fail("missing " + file + ": " + what);
        }
        return file;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no file)\n";
    }
}
