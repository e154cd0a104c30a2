package com.example.filestore;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tenantguard.testkit.JsonLines;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged demo ({@code target/file-store.jar}) on a forked JVM with the real agent jar,
 * in report and in enforce mode, and checks what the agent recorded and blocked: every planted bug
 * is caught, nothing else is (own-tenant work, the privileged admin job).
 */
class FileStoreUnderAgentIT {
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    /** What one forked run left behind. */
    private record Run(int exit, Map<String, String> steps, List<Map<String, Object>> events, String transcript) {

        /** The violations (audit events of privileged scopes are not violations). */
        List<Map<String, Object>> violations() {
            return events.stream().filter(e -> "BLOCKED".equals(e.get("action")) || "REPORTED".equals(e.get("action")))
                    .toList();
        }
    }

    @Test
    void reportModeRecordsEveryPlantedBugAndNothingElse() throws Exception {
        Run run = runDemo("report");
        List<Map<String, Object>> violations = run.violations();
        assertEquals(0, run.exit(), run.transcript());
        run.steps().forEach((step, outcome) ->
                assertEquals("OK", outcome, "report mode lets every call through: step " + step + "\n" + run.transcript()));
        assertFalse(violations.isEmpty(), "no violation recorded\n" + run.transcript());

        assertAll(
                () -> assertTrue(violations.stream().allMatch(v -> "REPORTED".equals(v.get("action"))),
                        "report mode must not block\n" + run.transcript()),
                () -> assertRecorded(violations, "(a) path traversal: acme READ of globex's invoice", run,
                        crossing("acme", "globex").and(op("READ")).and(resourceEndsWith("/tenants/globex/invoice.txt"))),
                () -> assertRecorded(violations, "(b) stale export: globex WRITE into acme's exports", run,
                        crossing("globex", "acme").and(op("WRITE"))
                                .and(resourceEndsWith("/tenants/acme/exports/export-globex.csv"))),
                () -> assertRecorded(violations, "(c) cleanup with no tenant: DELETE of a tenant's temp file", run,
                        noTenant().and(op("DELETE")).and(resourceUnder("/tenants/")).and(resourceEndsWith(".tmp"))),
                () -> {
                    for (Map<String, Object> v : violations) {
                        assertFalse(String.valueOf(v.get("callSite")).contains("AdminReport")
                                        || String.valueOf(v.get("stack")).contains("AdminReport"),
                                "the privileged admin job was reported: " + v + "\n" + run.transcript());
                    }
                },
                () -> {
                    // anything not explained by a planted bug came from a correct operation
                    Predicate<Map<String, Object>> plantedBug = crossing("acme", "globex").and(resourceUnder("/tenants/globex/"))
                            .or(crossing("globex", "acme").and(resourceUnder("/tenants/acme/exports")))
                            .or(noTenant().and(resourceUnder("/tenants/")));
                    for (Map<String, Object> v : violations) {
                        assertTrue(plantedBug.test(v), "a correct operation was reported: " + v + "\n" + run.transcript());
                    }
                },
                // let through: the bugs really happened
                () -> assertTrue(Files.exists(dataRoot().resolve("tenants/acme/exports/export-globex.csv")), run.transcript()),
                () -> assertFalse(Files.exists(dataRoot().resolve("tenants/acme/upload-acme.tmp")), run.transcript()));
    }

    @Test
    void enforceModeBlocksEveryPlantedBugBeforeItTouchesAFile() throws Exception {
        Run run = runDemo("enforce");
        assertEquals(0, run.exit(), run.transcript());
        assertAll(
                () -> run.steps().forEach((step, outcome) -> {
                    boolean bug = FileStoreDemo.BUG_STEPS.contains(step);
                    assertTrue(bug ? outcome.startsWith("BLOCKED ") : outcome.equals("OK"),
                            "step " + step + " should be " + (bug ? "BLOCKED" : "OK") + ", was: " + outcome
                                    + "\n" + run.transcript());
                }),
                () -> assertTrue(run.steps().get("bug-path-traversal").contains("globex"),
                        "the message names the owner\n" + run.transcript()),
                () -> assertFalse(Files.exists(dataRoot().resolve("tenants/acme/exports/export-globex.csv")),
                        "the blocked export left a file behind\n" + run.transcript()),
                () -> assertTrue(Files.exists(dataRoot().resolve("tenants/acme/upload-acme.tmp"))
                                && Files.exists(dataRoot().resolve("tenants/globex/upload-globex.tmp")),
                        "the blocked cleanup deleted a file\n" + run.transcript()),
                () -> assertTrue(Files.exists(dataRoot().resolve("tenants/acme/exports/export-acme.csv")),
                        "acme's own export must be written\n" + run.transcript()));
    }

    // ---- running the demo

    private Path dataRoot() {
        return dir.resolve("data");
    }

    private Run runDemo(String mode) throws IOException, InterruptedException {
        Path agent = requiredFile("tgtest.agentJar", "the agent jar; build it with `mvn -pl agent/core -am package`");
        Path app = requiredFile("filestore.jar", "the app jar; build it with `mvn package` in test-apps/file-store");
        Path jsonl = dir.resolve("violations.jsonl");
        Path policy = dir.resolve("tenant-guard.yaml");
        Files.writeString(policy, String.join("\n",
                "mode: " + mode,
                "noTenant: " + mode,
                "files:",
                "  rules:",
                "    - " + quoted(dataRoot().toAbsolutePath() + "/tenants/{tenant}/**"),
                "report:",
                "  jsonl: " + quoted(jsonl.toAbsolutePath().toString()),
                "  log: true",
                ""));

        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent + "=config=" + policy.toAbsolutePath(),
                "-jar", app.toString(),
                dataRoot().toString());
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String transcript = "--- command\n" + String.join(" ", command)
                + "\n--- policy\n" + Files.readString(policy)
                + "--- stdout\n" + read(stdout) + "--- stderr\n" + read(stderr) + "--- jsonl\n" + read(jsonl);
        if (!finished) {
            fail("the demo did not finish within " + TIMEOUT_SECONDS + " s\n" + transcript);
        }

        Map<String, String> steps = new LinkedHashMap<>();
        for (String line : read(stdout).split("\n")) {
            int colon = line.indexOf(": ");
            if (line.startsWith("step ") && colon > 0) {
                steps.put(line.substring("step ".length(), colon), line.substring(colon + 2));
            }
        }
        List<String> expected = new ArrayList<>(FileStoreDemo.BUG_STEPS);
        expected.add("admin-usage-report");
        assertTrue(steps.keySet().containsAll(expected), "the demo did not run all its steps\n" + transcript);
        return new Run(process.exitValue(), steps, JsonLines.read(jsonl), transcript);
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

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no file)\n";
    }

    // ---- matching recorded violations

    private static void assertRecorded(List<Map<String, Object>> violations, String what, Run run,
            Predicate<Map<String, Object>> match) {
        assertTrue(violations.stream().anyMatch(match), "not recorded: " + what + "\n" + run.transcript());
    }

    private static Predicate<Map<String, Object>> crossing(String active, String owner) {
        return v -> "CROSS_TENANT".equals(v.get("kind")) && active.equals(v.get("activeTenant"))
                && owner.equals(v.get("resourceTenant"));
    }

    private static Predicate<Map<String, Object>> noTenant() {
        return v -> "NO_TENANT".equals(v.get("kind")) && v.get("activeTenant") == null;
    }

    private static Predicate<Map<String, Object>> op(String operation) {
        return v -> operation.equals(v.get("operation"));
    }

    private static Predicate<Map<String, Object>> resourceEndsWith(String suffix) {
        return v -> Objects.toString(v.get("resource"), "").endsWith(suffix);
    }

    private static Predicate<Map<String, Object>> resourceUnder(String fragment) {
        return v -> Objects.toString(v.get("resource"), "").contains(fragment);
    }
}
