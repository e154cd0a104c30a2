package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.orders.OrdersClient.Answer;
import dev.tenantguard.testkit.JsonLines;
import dev.tenantguard.testkit.ServicePort;
import java.io.File;
import java.io.IOException;
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
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Spring Boot service unchanged, as its fat jar ({@code java -javaagent:… -jar
 * spring-orders.jar}: Boot's nested-jar class loader, Tomcat, HikariCP and the PostgreSQL driver
 * from {@code BOOT-INF/lib}, Spring's transaction proxies), in a forked JVM with the real agent jar,
 * on the real PostgreSQL server. The shipping service runs in this JVM and keeps what reached it.
 * In report mode each planted bug is recorded at its call site in the service's classes and
 * nothing else is (not Spring's, Hikari's or Tomcat's start-up, not the correct endpoints); in
 * enforce mode each is refused before it has an effect and every correct endpoint works.
 */
class SpringOrdersUnderAgentIT {
    private static final long START_TIMEOUT_SECONDS = 120;
    private static final long STOP_TIMEOUT_SECONDS = 60;

    /** A planted bug as the agent must report it. */
    private record Bug(String step, String kind, String family, String operation, String callSite,
            Predicate<Map<String, Object>> details) {

        boolean matches(Map<String, Object> v) {
            return kind.equals(v.get("kind")) && family.equals(v.get("family")) && operation.equals(v.get("operation"))
                    && String.valueOf(v.get("callSite")).startsWith(callSite.endsWith(".") ? callSite : callSite + "(")
                    && details.test(v);
        }
    }

    private static final List<Bug> PLANTED_BUGS = List.of(
            new Bug("bug-receipt-idor", "UNSCOPED_QUERY", "jdbc", "SELECT", "com.example.orders.OrderRepository.findForReceipt",
                    active("acme").and(sqlIs("SELECT id, tenant_id, customer, item, amount_cents, status FROM sb_orders WHERE id = ?"))),
            new Bug("bug-cancel-idor", "CROSS_TENANT", "jdbc", "UPDATE", "com.example.orders.OrderRepository.cancel",
                    crossing("acme", "globex").and(sqlIs("UPDATE sb_orders SET status = 'CANCELLED' WHERE id = ?"))),
            new Bug("bug-shipments-other-account", "CROSS_TENANT", "http", "GET", "com.example.orders.ShippingClient.shipments",
                    crossing("acme", "globex").and(resourceEndsWith("/v1/tenants/globex/shipments"))),
            new Bug("bug-invoices-wrong-folder", "CROSS_TENANT", "files", "WRITE", "com.example.orders.OrderExporter.",
                    crossing("globex", "acme").and(resourceEndsWith("/tenants/acme/exports/invoices-globex.csv"))));

    @TempDir
    Path dir;

    /** One step of the scenario: what a correct endpoint must answer, or a planted bug. */
    private record Step(String name, int expectedStatus, Answer answer) {
        boolean bug() {
            return name.startsWith("bug-");
        }
    }

    /** What one run left behind. */
    private record Run(Map<String, Step> steps, List<Map<String, Object>> events, List<ShippingServer.Received> shipping,
            String serviceLog, String transcript) {

        List<Map<String, Object>> violations() {
            return events.stream().filter(e -> "BLOCKED".equals(e.get("action")) || "REPORTED".equals(e.get("action")))
                    .toList();
        }

        String body(String step) {
            return steps.get(step).answer().body();
        }

        long crossTenantShippingRequests() {
            return shipping.stream().filter(r -> r.path().equals("/v1/tenants/globex/shipments")
                    && "acme".equals(r.tenantHeader())).count();
        }
    }

    @BeforeEach
    void postgres() {
        RealPostgres.require();
    }

    @Test
    void reportModeRecordsEveryPlantedBugAtItsCallSiteInTheServiceAndNothingElse() throws Exception {
        Run run = runScenario("report");
        List<Map<String, Object>> violations = run.violations();
        assertAll(
                () -> assertCorrectStepsAnswered(run),
                () -> run.steps().values().stream().filter(Step::bug).forEach(step -> assertEquals(200,
                        step.answer().status(), "report mode lets " + step.name() + " through\n" + run.transcript())),
                () -> assertTrue(violations.stream().allMatch(v -> "REPORTED".equals(v.get("action"))),
                        "report mode must not block\n" + run.transcript()),
                () -> assertEveryBugRecordedAndNothingElse(violations, run),
                () -> assertAudited(run, SchemaSetup.REASON),
                () -> assertCountedInTheServicesPrometheusMetrics(run, "REPORTED", 1),
                // the agent found the service's SLF4J (Logback, nested in the fat jar) for its log line
                () -> assertTrue(run.serviceLog().lines().anyMatch(l -> l.contains(" WARN ") && l.contains("tenantguard.violations")
                        && l.contains("tenant-guard CROSS_TENANT REPORTED: tenant acme tried to UPDATE sb_orders owned by tenant globex")),
                        "no violation line in the service's own log\n" + run.transcript()),
                // let through: the bugs really happened
                () -> assertTrue(run.body("bug-receipt-idor").contains("Gadget"), "acme read globex's order\n" + run.transcript()),
                () -> assertTrue(run.body("after-globex-order").contains("\"status\":\"CANCELLED\""),
                        "acme cancelled globex's order\n" + run.transcript()),
                () -> assertEquals(1, run.crossTenantShippingRequests(), "shipping got acme's request for globex's shipments\n"
                        + run.transcript()),
                () -> assertTrue(run.body("bug-shipments-other-account").contains("GLOBEX-1"), run.transcript()),
                () -> assertTrue(Files.exists(tenants().resolve("acme/exports/invoices-globex.csv")),
                        "globex's invoices landed in acme's folder\n" + run.transcript()));
    }

    @Test
    void enforceModeBlocksEveryPlantedBugBeforeItsEffectAndTheCorrectEndpointsWork() throws Exception {
        Run run = runScenario("enforce");
        List<Map<String, Object>> violations = run.violations();
        assertAll(
                () -> assertCorrectStepsAnswered(run),
                () -> run.steps().values().stream().filter(Step::bug).forEach(step -> assertTrue(
                        step.answer().status() == 403 && step.answer().body().contains(" tried to "),
                        step.name() + " must be refused with the agent's reason, was: " + step.answer() + "\n" + run.transcript())),
                () -> assertTrue(violations.stream().allMatch(v -> "BLOCKED".equals(v.get("action"))), run.transcript()),
                () -> assertEveryBugRecordedAndNothingElse(violations, run),
                () -> assertAudited(run, SchemaSetup.REASON),
                () -> assertCountedInTheServicesPrometheusMetrics(run, "BLOCKED", 2),
                // refused before any effect
                () -> assertFalse(run.body("bug-receipt-idor").contains("Gadget"), run.transcript()),
                () -> assertTrue(run.body("after-globex-order").contains("\"status\":\"NEW\""),
                        "the blocked cancel changed globex's row\n" + run.transcript()),
                () -> assertEquals(0, run.crossTenantShippingRequests(), "a blocked request reached shipping\n" + run.transcript()),
                () -> assertTrue(run.shipping().stream().anyMatch(r -> r.path().equals("/v1/tenants/globex/shipments")
                        && "globex".equals(r.tenantHeader())), "globex's own shipments request must reach shipping\n"
                        + run.transcript()),
                () -> assertFalse(Files.exists(tenants().resolve("acme/exports/invoices-globex.csv")),
                        "the blocked export left a file\n" + run.transcript()),
                () -> assertFalse(hasFileNamed(tenants(), "invoices-globex.csv"), run.transcript()));
    }

    private static void assertCorrectStepsAnswered(Run run) {
        for (Step step : run.steps().values()) {
            if (!step.bug()) {
                assertEquals(step.expectedStatus(), step.answer().status(), "step " + step.name() + ": " + step.answer()
                        + "\n" + run.transcript());
            }
        }
    }

    /**
     * The agent's counters and gauges in the service's own Micrometer registry, as {@code /actuator/prometheus}
     * shows them: no violation of a planted bug's kind and family before the bugs ran, after them as many as the
     * agent's JSONL counts (its last count of each line), and each family's mode (1 report, 2 enforce).
     */
    private static void assertCountedInTheServicesPrometheusMetrics(Run run, String action, int modeLevel) {
        Map<Map<String, String>, Double> before = prometheus(run.body("metrics-before"));
        Map<Map<String, String>, Double> after = prometheus(run.body("metrics-after"));
        Map<List<Object>, Long> lastCount = new LinkedHashMap<>();
        for (Map<String, Object> v : run.violations()) {
            lastCount.merge(List.of(v.get("kind"), v.get("family"), String.valueOf(v.get("rule")), String.valueOf(v.get("callSite"))),
                    ((Number) v.get("count")).longValue(), Math::max);
        }
        for (Bug bug : PLANTED_BUGS) {
            Map<String, String> series = Map.of("__name__", "tenant_guard_violations_total", "kind", bug.kind(),
                    "family", bug.family(), "action", action);
            long expected = lastCount.entrySet().stream().filter(e -> e.getKey().get(0).equals(bug.kind())
                    && e.getKey().get(1).equals(bug.family())).mapToLong(Map.Entry::getValue).sum();
            assertTrue(expected > 0, bug.step());
            assertEquals(0.0, before.getOrDefault(series, 0.0), "before the planted bugs: " + series + "\n" + run.transcript());
            assertEquals((double) expected, after.get(series), "after the planted bugs: " + series + "\n" + run.transcript());
        }
        for (String family : List.of("files", "jdbc", "http")) {
            Map<String, String> gauge = Map.of("__name__", "tenant_guard_family_mode", "family", family);
            assertEquals((double) modeLevel, before.get(gauge), gauge + "\n" + run.transcript());
            assertEquals((double) modeLevel, after.get(gauge), gauge + "\n" + run.transcript());
        }
    }

    /** The tenant_guard_* samples of a Prometheus text exposition: name and labels to value. */
    private static Map<Map<String, String>, Double> prometheus(String exposition) {
        Map<Map<String, String>, Double> samples = new LinkedHashMap<>();
        java.util.regex.Pattern sample = java.util.regex.Pattern.compile("^(tenant_guard_\\w+)\\{([^}]*)\\} (\\S+)$");
        java.util.regex.Pattern label = java.util.regex.Pattern.compile("(\\w+)=\"([^\"]*)\"");
        for (String line : exposition.split("\n")) {
            java.util.regex.Matcher m = sample.matcher(line);
            if (m.matches()) {
                Map<String, String> labels = new java.util.HashMap<>();
                labels.put("__name__", m.group(1));
                java.util.regex.Matcher l = label.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
                samples.put(labels, Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }

    private static void assertEveryBugRecordedAndNothingElse(List<Map<String, Object>> violations, Run run) {
        for (Bug bug : PLANTED_BUGS) {
            assertTrue(violations.stream().anyMatch(bug::matches), "not recorded: " + bug.step() + " (" + bug.kind() + " "
                    + bug.family() + " " + bug.operation() + " at " + bug.callSite() + ")\n" + run.transcript());
        }
        for (Map<String, Object> v : violations) {
            assertTrue(PLANTED_BUGS.stream().anyMatch(bug -> bug.matches(v)),
                    "a violation no planted bug explains (a false positive): " + v + "\n" + run.transcript());
        }
    }

    // ---- the scenario: every correct endpoint as acme and globex, then each planted bug once

    private Map<String, Step> scenario(OrdersClient client) throws Exception {
        Map<String, Step> steps = new LinkedHashMap<>();
        StepRecorder step = (name, status, answer) -> steps.put(name, new Step(name, status, answer));
        Answer anvil = client.postJson("acme", "/orders", "{\"customer\":\"Ann\",\"item\":\"Anvil\",\"amountCents\":1999}");
        step.record("acme-create", 201, anvil);
        Answer gear = client.postJson("globex", "/orders", "{\"customer\":\"Gus\",\"item\":\"Gear\",\"amountCents\":500}");
        step.record("globex-create", 201, gear);
        Answer gadget = client.postJson("globex", "/orders",
                "{\"customer\":\"Gia\",\"item\":\"Gadget\",\"amountCents\":250000}");
        step.record("globex-create-2", 201, gadget);
        long a = anvil.id();
        long g = gear.id();
        long g2 = gadget.id();
        step.record("no-tenant-refused", 401, client.get(null, "/orders"));
        step.record("acme-list", 200, client.get("acme", "/orders"));
        step.record("globex-list", 200, client.get("globex", "/orders"));
        step.record("acme-get-own", 200, client.get("acme", "/orders/" + a));
        step.record("acme-get-globex-order-not-found", 404, client.get("acme", "/orders/" + g));
        step.record("acme-pay-own", 200, client.post("acme", "/orders/" + a + "/pay"));
        step.record("acme-pay-globex-order-not-found", 404, client.post("acme", "/orders/" + g + "/pay"));
        step.record("acme-ship-own", 200, client.post("acme", "/orders/" + a + "/ship"));
        step.record("globex-ship-own", 200, client.post("globex", "/orders/" + g2 + "/ship"));
        step.record("acme-shipments", 200, client.get("acme", "/shipments"));
        step.record("globex-shipments", 200, client.get("globex", "/shipments"));
        step.record("acme-export-orders", 200, client.post("acme", "/exports/orders"));
        step.record("globex-export-orders", 200, client.post("globex", "/exports/orders"));
        // the first invoice export lands in the right folder (and fixes the folder for everyone after)
        step.record("acme-export-invoices", 200, client.post("acme", "/exports/invoices"));
        // what a Prometheus server scrapes, before and after the planted bugs
        step.record("metrics-before", 200, client.get(null, "/actuator/prometheus"));

        step.record("bug-receipt-idor", 0, client.get("acme", "/orders/" + g2 + "/receipt"));
        step.record("bug-cancel-idor", 0, client.post("acme", "/orders/" + g + "/cancel"));
        step.record("bug-shipments-other-account", 0, client.get("acme", "/shipments?account=globex"));
        step.record("bug-invoices-wrong-folder", 0, client.post("globex", "/exports/invoices"));

        step.record("after-globex-order", 200, client.get("globex", "/orders/" + g));
        step.record("after-acme-list", 200, client.get("acme", "/orders"));
        step.record("metrics-after", 200, client.get(null, "/actuator/prometheus"));
        return steps;
    }

    private interface StepRecorder {
        void record(String name, int expectedStatus, Answer answer);
    }

    // ---- running the service

    private Path tenants() {
        return dir.resolve("data").resolve("tenants");
    }

    private Run runScenario(String mode) throws Exception {
        Path agent = requiredFile("tgtest.agentJar", "the agent jar; build it with `mvn -pl agent/core -am package`");
        Path app = requiredFile("orders.jar", "the fat jar; build it with `mvn -pl test-apps/spring-orders -am package`");
        assertFatJar(app);
        Path jsonl = dir.resolve("violations.jsonl");
        Path policy = dir.resolve("tenant-guard.yaml");
        Path portFile = dir.resolve("orders.port");
        try (ShippingServer shipping = ShippingServer.start()) {
            Files.writeString(policy, String.join("\n",
                    "mode: " + mode,
                    "files:",
                    "  rules:",
                    "    - " + quoted(tenants().toAbsolutePath() + "/{tenant}/**"),
                    "jdbc:",
                    "  column: tenant_id",
                    "  tables: [sb_orders]",
                    "http:",
                    "  rules:",
                    "    - " + quoted(shipping.baseUrl() + "/v1/tenants/{tenant}/**"),
                    "report:",
                    "  jsonl: " + quoted(jsonl.toAbsolutePath().toString()),
                    "  log: true",
                    ""));
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-javaagent:" + agent + "=config=" + policy.toAbsolutePath(),
                    "-jar", app.toString(),
                    "--server.port=0",
                    "--spring.datasource.url=" + RealPostgres.URL,
                    "--spring.datasource.username=" + RealPostgres.USER,
                    "--orders.data-dir=" + dir.resolve("data"),
                    "--orders.shipping-url=" + shipping.baseUrl(),
                    "--orders.port-file=" + portFile);
            Path stdout = dir.resolve("stdout.txt");
            Path stderr = dir.resolve("stderr.txt");
            Process service = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            Map<String, Step> steps = new LinkedHashMap<>();
            String problem = null;
            try {
                URI base = URI.create("http://127.0.0.1:" + ServicePort.await(portFile, service, START_TIMEOUT_SECONDS));
                steps.putAll(scenario(new OrdersClient(base)));
            } catch (Exception | AssertionError e) {
                problem = e.toString();
            } finally {
                service.destroy(); // SIGTERM: the agent writes its final counts at exit
                if (!service.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    problem = "the service did not stop within " + STOP_TIMEOUT_SECONDS + " s";
                }
            }
            StringBuilder answers = new StringBuilder();
            steps.values().forEach(s -> answers.append(s.name()).append(": ").append(s.answer()).append('\n'));
            String transcript = "--- command\n" + String.join(" ", command)
                    + "\n--- policy\n" + Files.readString(policy)
                    + "--- scenario\n" + answers
                    + "--- service stdout\n" + read(stdout) + "--- service stderr\n" + read(stderr)
                    + "--- shipping received\n" + shipping.received() + "\n--- jsonl\n" + read(jsonl);
            if (problem != null) {
                fail(problem + "\n" + transcript);
            }
            List<String> bugSteps = new ArrayList<>();
            PLANTED_BUGS.forEach(b -> bugSteps.add(b.step()));
            assertTrue(steps.keySet().containsAll(bugSteps), "the scenario did not run every bug\n" + transcript);
            return new Run(steps, JsonLines.read(jsonl), shipping.received(), read(stdout), transcript);
        }
    }

    /** The test is about Boot's executable jar: its launcher, the libraries nested in BOOT-INF/lib. */
    private static void assertFatJar(Path app) throws IOException {
        try (JarFile jar = new JarFile(app.toFile())) {
            assertEquals("org.springframework.boot.loader.launch.JarLauncher",
                    jar.getManifest().getMainAttributes().getValue("Main-Class"), app + " is not a Spring Boot fat jar");
            assertTrue(jar.stream().anyMatch(e -> e.getName().matches("BOOT-INF/lib/postgresql-.*\\.jar")),
                    app + " does not nest the PostgreSQL driver");
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

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no file)\n";
    }

    private static boolean hasFileNamed(Path root, String name) throws IOException {
        if (!Files.exists(root)) {
            return false;
        }
        try (var files = Files.walk(root)) {
            return files.anyMatch(p -> p.getFileName().toString().equals(name));
        }
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

    private static Predicate<Map<String, Object>> sqlIs(String sql) {
        return v -> sql.equals(v.get("sql"));
    }
}
