package com.example.notes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.notes.billing.BillingServer;
import com.example.notes.scenario.NotesClient;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/**
 * Runs the packaged service ({@code target/notes-service.jar}) in a forked JVM with the real agent
 * jar, drives the scenario from this JVM over HTTP (the billing service runs here too, counting what
 * reaches it), stops the service as one is stopped (SIGTERM) and checks what the agent recorded and
 * what the service did (the service's cache in Redis and its jobs over RabbitMQ on 127.0.0.1 included): in report mode each planted bug is recorded at its call site and nothing
 * else is; in enforce mode each is refused before it has an effect and every correct endpoint works.
 */
class NotesServiceUnderAgentIT {
    private static final long TIMEOUT_SECONDS = 60;

    /** A planted bug as the agent must report it ({@code operations}: a regular expression). */
    private record Bug(String step, String kind, String family, String operations, String callSite,
            Predicate<Map<String, Object>> details) {

        boolean matches(Map<String, Object> v) {
            return kind.equals(v.get("kind")) && family.equals(v.get("family"))
                    && String.valueOf(v.get("operation")).matches(operations)
                    && String.valueOf(v.get("callSite")).startsWith(callSite.endsWith(".") ? callSite : callSite + "(")
                    && details.test(v);
        }
    }

    private static final List<Bug> PLANTED_BUGS = List.of(
            new Bug("bug-idor-rename", "CROSS_TENANT", "jdbc", "UPDATE", "com.example.notes.db.NoteRepository.rename",
                    crossing("acme", "globex").and(sqlStartsWith("UPDATE notes SET title"))),
            new Bug("bug-suggest-across-tenants", "UNSCOPED_QUERY", "jdbc", "SELECT", "com.example.notes.db.NoteRepository.suggest",
                    active("acme").and(sqlStartsWith("SELECT id, tenant_id, title, body FROM notes"))),
            new Bug("bug-export-wrong-folder", "CROSS_TENANT", "files", "WRITE", "com.example.notes.files.NoteExporter.exportCsv",
                    crossing("globex", "acme").and(resourceEndsWith("/tenants/acme/exports/notes-globex.csv"))),
            new Bug("bug-download-traversal", "CROSS_TENANT", "files", "READ", "com.example.notes.files.AttachmentStore.read",
                    crossing("acme", "globex").and(resourceEndsWith("/merger-terms.txt"))
                            .and(resourceContains("/tenants/globex/notes/"))),
            new Bug("bug-usage-other-account", "CROSS_TENANT", "http", "GET", "com.example.notes.billing.BillingClient.notesCreated",
                    crossing("acme", "globex").and(resourceEndsWith("/v1/tenants/globex/usage"))),
            new Bug("bug-index-batch-mixed-tenants", "CROSS_TENANT", "jdbc", "SELECT", "com.example.notes.db.NoteRepository.textOf",
                    crossing("acme", "globex").and(stackContains("com.example.notes.index.IndexWorker.runBatch"))),
            // with files.metadata on (the default) the job's Files.isDirectory of acme's exports folder is
            // blocked first in enforce mode; in report mode the LIST, the times read and the DELETEs follow
            new Bug("bug-retention-without-tenant", "NO_TENANT", "files", "METADATA|LIST|DELETE", "com.example.notes.files.ExportRetention.",
                    v -> v.get("activeTenant") == null && (Objects.toString(v.get("resource"), "").contains("/tenants/acme/exports")
                            // the job also asks whether globex has an exports folder (a METADATA read)
                            || Objects.toString(v.get("resource"), "").contains("/tenants/globex/exports"))),
            // acme's GET fills nothing in enforce mode; in report mode its SETEX follows from the next frame
            new Bug("bug-recent-cache-without-tenant", "CROSS_TENANT", "redis", "GET|SETEX", "com.example.notes.cache.NoteCache.",
                    active("acme").and(resourceEndsWith(":recent:5")).and(v -> "recent".equals(v.get("resourceTenant")))),
            new Bug("bug-digest-job-without-tenant", "NO_TENANT", "messaging", "PUBLISH", "com.example.notes.jobs.JobQueue.publish",
                    v -> v.get("activeTenant") == null && Objects.toString(v.get("resource"), "").endsWith(".digest")
                            && stackContains("com.example.notes.jobs.WeeklyDigest.queueAll").test(v)));

    @TempDir
    Path dir;

    /** What one run left behind. */
    private record Run(Map<String, String> steps, List<Map<String, Object>> events, List<BillingServer.Received> billing,
            NotesAfterRun notes, String transcript) {

        List<Map<String, Object>> violations() {
            return events.stream().filter(e -> "BLOCKED".equals(e.get("action")) || "REPORTED".equals(e.get("action")))
                    .toList();
        }
    }

    /**
     * What the tenants saw through the correct endpoints after the scenario, before the service stopped;
     * the job consumer's counts; whether Redis holds the cache entry without a tenant (read from this JVM).
     */
    private record NotesAfterRun(String globexNotes, String acmeExports, String acmeSearchHammocks, String jobs,
            boolean recentEntryInRedis) {
    }

    @Test
    void reportModeRecordsEveryPlantedBugAtItsCallSiteAndNothingElse() throws Exception {
        Run run = runScenario("report");
        List<Map<String, Object>> violations = run.violations();
        assertFalse(violations.isEmpty(), "no violation recorded\n" + run.transcript());
        assertAll(
                () -> run.steps().forEach((step, outcome) -> assertTrue(outcome.startsWith("OK"),
                        "report mode lets every call through: step " + step + ": " + outcome + "\n" + run.transcript())),
                () -> assertTrue(violations.stream().allMatch(v -> "REPORTED".equals(v.get("action"))),
                        "report mode must not block\n" + run.transcript()),
                () -> {
                    for (Bug bug : PLANTED_BUGS) {
                        assertTrue(violations.stream().anyMatch(bug::matches),
                                "not recorded: " + bug.step() + " (" + bug.kind() + " " + bug.family() + " at "
                                        + bug.callSite() + ")\n" + run.transcript());
                    }
                },
                () -> {
                    for (Map<String, Object> v : violations) {
                        assertTrue(PLANTED_BUGS.stream().anyMatch(bug -> bug.matches(v)),
                                "a violation no planted bug explains (a false positive): " + v + "\n" + run.transcript());
                    }
                },
                () -> assertAudited(run, "schema migration at start-up"),
                () -> assertAudited(run, "operators' dashboard: notes per tenant"),
                // let through: the bugs really happened
                () -> assertTrue(run.notes().globexNotes().contains("renamed by acme"), run.transcript()),
                () -> assertTrue(run.steps().get("bug-export-wrong-folder").contains("notes-globex.csv"), run.transcript()),
                () -> assertEquals("[]", run.notes().acmeExports(), "the retention job deleted acme's exports\n"
                        + run.transcript()),
                () -> assertTrue(run.steps().get("bug-download-traversal").contains("GLOBEX CONFIDENTIAL"), run.transcript()),
                () -> assertEquals(1, crossTenantBillingRequests(run), "billing got acme's request for globex's usage\n"
                        + run.transcript()),
                () -> assertEquals("[\"Hammock inventory\"]", run.notes().acmeSearchHammocks(), run.transcript()),
                () -> assertEquals("OK (globex's recent notes: [\"Q3 plan\"])", run.steps().get("bug-recent-cache-without-tenant"),
                        run.transcript()),
                () -> assertTrue(run.notes().recentEntryInRedis(), "the cache entry without a tenant is in Redis\n" + run.transcript()),
                () -> assertTrue(run.notes().jobs().matches(".*\"dropped\":[1-3].*"),
                        "the digest jobs reached the consumer without a tenant: " + run.notes().jobs() + "\n" + run.transcript()));
    }

    @Test
    void enforceModeBlocksEveryPlantedBugBeforeItsEffectAndTheCorrectEndpointsWork() throws Exception {
        Run run = runScenario("enforce");
        List<Map<String, Object>> violations = run.violations();
        assertAll(
                () -> run.steps().forEach((step, outcome) -> {
                    boolean bug = ScenarioDriver.BUG_STEPS.contains(step);
                    assertTrue(bug ? outcome.startsWith("BLOCKED ") && outcome.contains(" tried to ") : outcome.equals("OK"),
                            "step " + step + " should be " + (bug ? "BLOCKED" : "OK") + ", was: " + outcome + "\n"
                                    + run.transcript());
                }),
                () -> assertTrue(violations.stream().allMatch(v -> "BLOCKED".equals(v.get("action"))), run.transcript()),
                () -> {
                    for (Bug bug : PLANTED_BUGS) {
                        assertTrue(violations.stream().anyMatch(bug::matches), "not blocked: " + bug.step() + "\n" + run.transcript());
                    }
                },
                () -> {
                    for (Map<String, Object> v : violations) {
                        assertTrue(PLANTED_BUGS.stream().anyMatch(bug -> bug.matches(v)),
                                "a correct call was blocked: " + v + "\n" + run.transcript());
                    }
                },
                // the client saw the refusal, and nothing happened
                () -> assertTrue(run.steps().get("bug-usage-other-account").contains("owned by tenant globex"), run.transcript()),
                () -> assertTrue(run.notes().globexNotes().contains("\"title\":\"Merger talks\"")
                        && !run.notes().globexNotes().contains("renamed by acme"), "the blocked rename changed a row\n"
                        + run.transcript()),
                () -> assertEquals("[\"notes-acme.csv\"]", run.notes().acmeExports(), "the blocked export left a file, or the blocked retention job deleted one\n" + run.transcript()),
                () -> assertFalse(Files.exists(tenants().resolve("acme/exports/notes-globex.csv")), run.transcript()),
                () -> assertFalse(run.steps().get("bug-download-traversal").contains("GLOBEX CONFIDENTIAL"), run.transcript()),
                () -> assertEquals(0, crossTenantBillingRequests(run), "a blocked request reached billing\n" + run.transcript()),
                () -> assertTrue(run.billing().stream().anyMatch(r -> r.path().equals("/v1/tenants/globex/usage")),
                        "globex's own usage request must reach billing\n" + run.transcript()),
                () -> assertEquals("[]", run.notes().acmeSearchHammocks(), "the blocked job indexed globex's note for acme\n"
                        + run.transcript()),
                () -> assertFalse(Files.exists(tenants().resolve("acme/exports")) && hasFileNamed(tenants(), "notes-globex.csv"),
                        run.transcript()),
                () -> assertFalse(run.notes().recentEntryInRedis(), "the blocked cache write reached Redis\n" + run.transcript()),
                () -> assertTrue(run.notes().jobs().contains("\"dropped\":0"), "a blocked digest job reached the consumer: "
                        + run.notes().jobs() + "\n" + run.transcript()),
                () -> assertTrue(run.notes().jobs().contains("\"done\":2"), "the two reminder jobs ran: "
                        + run.notes().jobs() + "\n" + run.transcript()));
    }

    // ---- running the service

    private Path tenants() {
        return dir.resolve("data").resolve("tenants");
    }

    private Run runScenario(String mode) throws Exception {
        Path agent = requiredFile("tgtest.agentJar", "the agent jar; build it with `mvn -pl agent/core -am package`");
        Path app = requiredFile("notes.jar", "the service jar; build it with `mvn -pl test-apps/notes-service -am package`");
        Path jsonl = dir.resolve("violations.jsonl");
        Path policy = dir.resolve("tenant-guard.yaml");
        Path portFile = dir.resolve("notes.port");
        try (BillingServer billing = BillingServer.start(0)) {
            String billingBase = "http://127.0.0.1:" + billing.port();
            Files.writeString(policy, String.join("\n",
                    "mode: " + mode,
                    "files:",
                    "  rules:",
                    "    - " + quoted(tenants().toAbsolutePath() + "/{tenant}/**"),
                    "jdbc:",
                    "  column: tenant_id",
                    "  tables: [notes, attachments]",
                    "http:",
                    "  rules:",
                    "    - " + quoted(billingBase + "/v1/tenants/{tenant}/**"),
                    "redis:",
                    "  keys: [\"notes-*:{tenant}:**\"]",
                    "messaging:",
                    "  rules: [\"amqp://notes-jobs-*/jobs.{tenant}.*\"]",
                    "report:",
                    "  jsonl: " + quoted(jsonl.toAbsolutePath().toString()),
                    "  log: true",
                    ""));
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-javaagent:" + agent + "=config=" + policy.toAbsolutePath(),
                    "-jar", app.toString(),
                    "--data", dir.resolve("data").toString(),
                    "--port", "0",
                    "--billing", billingBase,
                    "--port-file", portFile.toString());
            Path stdout = dir.resolve("stdout.txt");
            Path stderr = dir.resolve("stderr.txt");
            Process service = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            ByteArrayOutputStream driverOutput = new ByteArrayOutputStream();
            Map<String, String> steps = new LinkedHashMap<>();
            NotesAfterRun notes = null;
            String problem = null;
            try {
                URI base = URI.create("http://127.0.0.1:" + ServicePort.await(portFile, service, TIMEOUT_SECONDS));
                steps.putAll(ScenarioDriver.run(base, new PrintStream(driverOutput, true, StandardCharsets.UTF_8)));
                NotesClient client = new NotesClient(base);
                notes = new NotesAfterRun(client.get("globex", "/notes").body(), client.get("acme", "/exports").body(),
                        client.get("acme", "/search?q=hammocks").body(), client.get(null, "/admin/jobs").body(),
                        recentEntryInRedis(Files.readString(stdout)));
            } catch (Exception | AssertionError e) {
                problem = e.toString();
            } finally {
                service.destroy(); // SIGTERM: the agent writes its final counts at exit
                if (!service.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    problem = "the service did not stop within " + TIMEOUT_SECONDS + " s";
                }
            }
            String transcript = "--- command\n" + String.join(" ", command)
                    + "\n--- policy\n" + Files.readString(policy)
                    + "--- scenario\n" + driverOutput.toString(StandardCharsets.UTF_8)
                    + "--- service stdout\n" + read(stdout) + "--- service stderr\n" + read(stderr)
                    + "--- billing received\n" + billing.received() + "\n--- jsonl\n" + read(jsonl);
            if (problem != null) {
                fail(problem + "\n" + transcript);
            }
            List<String> expected = new ArrayList<>(ScenarioDriver.BUG_STEPS);
            expected.add("admin-stats");
            assertTrue(steps.keySet().containsAll(expected), "the scenario did not run all its steps\n" + transcript);
            return new Run(steps, JsonLines.read(jsonl), billing.received(), notes, transcript);
        }
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

    private static final Pattern INSTANCE = Pattern.compile("instance ([0-9a-f]+)\\)");

    /** Whether Redis holds the service's cache entry of recent titles, the one without a tenant in its key. */
    private static boolean recentEntryInRedis(String serviceStdout) {
        Matcher m = INSTANCE.matcher(serviceStdout);
        assertTrue(m.find(), "the service names its instance on stdout: " + serviceStdout);
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            return redis.exists("notes-" + m.group(1) + ":recent:5");
        }
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no file)\n";
    }

    private static boolean hasFileNamed(Path root, String name) throws IOException {
        try (var files = Files.walk(root)) {
            return files.anyMatch(p -> p.getFileName().toString().equals(name));
        }
    }

    // ---- what reached billing and what the agent recorded

    private static final Pattern BILLING_PATH = Pattern.compile("/v1/tenants/([^/]+)/.*");

    /** Requests that reached billing for one tenant while the service worked for another (the agent names it in X-Tenant-ID). */
    private static long crossTenantBillingRequests(Run run) {
        return run.billing().stream().filter(r -> {
            Matcher m = BILLING_PATH.matcher(r.path());
            return m.matches() && !m.group(1).equals(r.tenantHeader());
        }).count();
    }

    private static void assertAudited(Run run, String reason) {
        assertTrue(run.events().stream().anyMatch(e -> "PRIVILEGED".equals(e.get("kind")) && "AUDIT".equals(e.get("action"))
                && reason.equals(e.get("reason"))), "no audit line for the privileged scope '" + reason + "'\n" + run.transcript());
    }

    private static Predicate<Map<String, Object>> active(String tenant) {
        return v -> tenant.equals(v.get("activeTenant"));
    }

    private static Predicate<Map<String, Object>> crossing(String active, String owner) {
        return v -> active.equals(v.get("activeTenant")) && owner.equals(v.get("resourceTenant"));
    }

    private static Predicate<Map<String, Object>> resourceEndsWith(String suffix) {
        return v -> Objects.toString(v.get("resource"), "").endsWith(suffix);
    }

    private static Predicate<Map<String, Object>> resourceContains(String fragment) {
        return v -> Objects.toString(v.get("resource"), "").contains(fragment);
    }

    private static Predicate<Map<String, Object>> sqlStartsWith(String prefix) {
        return v -> Objects.toString(v.get("sql"), "").startsWith(prefix);
    }

    private static Predicate<Map<String, Object>> stackContains(String frame) {
        return v -> Objects.toString(v.get("stack"), "").contains(frame);
    }
}
