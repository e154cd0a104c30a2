package com.example.clinic;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.clinic.ClinicClient.Answer;
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
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the JPA clinic unchanged, as its fat jar, in a forked JVM with the real agent jar on the real
 * PostgreSQL server: Spring Data JPA repositories (derived queries, JPQL, native SQL, a
 * Specification, paging, an entity graph), Hibernate 6's SQL (fetch joins, collection and
 * {@code @ManyToOne} loads, batch inserts, a join table, bulk updates, version-checked writes) and
 * Flyway's migrations at start, with no tenant. The tenant comes from {@code X-Tenant-ID}, read by
 * the agent itself.
 *
 * <p>In report mode each planted bug is recorded at its call site in the service's classes and nothing
 * else is: Hibernate's writes by id and version name no tenant, and are judged by the owner of the row
 * they pin (docs/jdbc.md, "Writes by key"). In enforce mode each planted bug is refused before it has an
 * effect, every correct endpoint works (the writes by key included), and the migrations ran.
 */
class JpaClinicUnderAgentIT {
    private static final long START_TIMEOUT_SECONDS = 180;
    private static final long STOP_TIMEOUT_SECONDS = 60;
    private static final String SERVICE = "com.example.clinic.ClinicService.";
    /** The service's schema; another one (-Dclinic.schema) keeps two runs on one server apart. */
    private static final String SCHEMA = System.getProperty("clinic.schema", "jpa_clinic");

    /** A violation the agent must record: a planted bug. A crossing names globex's data. */
    private record Expected(String step, String kind, String operation, String callSite, String sql) {
        boolean matches(Map<String, Object> v) {
            return kind.equals(v.get("kind")) && "jdbc".equals(v.get("family")) && operation.equals(v.get("operation"))
                    && String.valueOf(v.get("callSite")).matches("\\Q" + SERVICE + callSite + "\\E\\d*\\(.*")
                    && sql.equals(v.get("sql")) && "acme".equals(v.get("activeTenant"))
                    && (!kind.equals("CROSS_TENANT") || "globex".equals(v.get("resourceTenant")));
        }
    }

    private static final List<Expected> PLANTED_BUGS = List.of(
            new Expected("bug-pet-card-by-id", "UNSCOPED_QUERY", "SELECT", "petCard",
                    "select pc1_0.id,pc1_0.name,pc1_0.species_id,pc1_0.tenant_id from jc_pets pc1_0 where pc1_0.id=?"),
            new Expected("bug-native-revenue", "UNSCOPED_QUERY", "SELECT", "openRevenue",
                    "SELECT coalesce(sum(cost_cents), 0) FROM jc_visits WHERE status = 'OPEN'"),
            new Expected("bug-bulk-close-every-tenant", "UNSCOPED_QUERY", "UPDATE", "closeAllWithReason",
                    "UPDATE jc_visits SET status = 'CLOSED' WHERE reason = ? AND status = 'OPEN'"),
            new Expected("bug-rename-globex-pet-by-id", "CROSS_TENANT", "UPDATE", "renamePetById",
                    "UPDATE jc_pets SET name = ? WHERE id = ?"),
            new Expected("bug-species-roster", "UNSCOPED_QUERY", "SELECT", "lambda$speciesRoster$",
                    "select p1_0.species_id,p1_0.id,p1_0.name,p1_0.tenant_id from jc_pets p1_0 where p1_0.species_id=?"));

    @TempDir
    Path dir;

    /** One step of the scenario: what a correct endpoint must answer (0: a planted bug). */
    private record Step(String name, int expectedStatus, Answer answer) {
        boolean bug() {
            return name.startsWith("bug-");
        }
    }

    /** What one run left behind. */
    private record Run(Map<String, Step> steps, List<Map<String, Object>> events, String transcript) {
        List<Map<String, Object>> violations() {
            return events.stream().filter(e -> "BLOCKED".equals(e.get("action")) || "REPORTED".equals(e.get("action")))
                    .toList();
        }

        Answer answer(String step) {
            return steps.get(step).answer();
        }
    }

    @BeforeEach
    void postgres() {
        RealPostgres.require();
    }

    @Test
    void reportModeRecordsEveryPlantedBugAtItsCallSiteAndNothingElse() throws Exception {
        assertReported(runScenario("report", dir, List.of(), true));
    }

    /**
     * No inbound source: the service reads {@code X-Tenant-ID} in its own interceptor into its own
     * thread-local, and the agent learns the tenant only from the service's Hibernate resolver
     * ({@code tenant.from: [hibernate]}), at each JDBC call.
     */
    @Test
    void withTheTenantOnlyInTheServicesHibernateResolverReportFindsEveryPlantedBug() throws Exception {
        assertReported(runScenario("report", dir, List.of(), true, HIBERNATE_SOURCE, INTERCEPTOR));
    }

    @Test
    void withTheTenantOnlyInTheServicesHibernateResolverEnforceBlocksEveryPlantedBug() throws Exception {
        assertEnforced(runScenario("enforce", dir, List.of(), true, HIBERNATE_SOURCE, INTERCEPTOR));
    }

    private static final List<String> HIBERNATE_SOURCE = List.of("tenant:", "  from: [hibernate]");
    private static final List<String> INTERCEPTOR = List.of("--clinic.tenant-from=interceptor");

    private static void assertReported(Run run) {
        List<Map<String, Object>> violations = run.violations();
        assertAll(
                () -> assertCorrectStepsAnswered(run),
                () -> run.steps().values().stream().filter(Step::bug).forEach(s -> assertTrue(
                        s.answer().status() / 100 == 2, "report mode lets " + s.name() + " through\n" + run.transcript())),
                () -> assertTrue(violations.stream().allMatch(v -> "REPORTED".equals(v.get("action"))), run.transcript()),
                () -> assertEveryExpectedRecordedAndNothingElse(violations, run),
                () -> assertMigrationsAudited(run),
                () -> assertStackNamesTheRepositoryAndTheController(violations, run),
                // let through: the bugs really happened
                () -> assertTrue(run.answer("bug-pet-card-by-id").body().contains("Fifi"), "acme read globex's pet\n"
                        + run.transcript()),
                () -> assertEquals("7000", run.answer("bug-native-revenue").body().strip(),
                        "acme summed globex's open visits\n" + run.transcript()),
                () -> assertTrue(run.answer("bug-species-roster").body().contains("Fifi"), run.transcript()),
                () -> assertTrue(run.answer("after-globex-visits").body().contains("\"reason\":\"checkup\",\"costCents\":4000,"
                        + "\"status\":\"CLOSED\""), "acme closed globex's visit\n" + run.transcript()),
                () -> assertTrue(run.answer("after-globex-owner").body().contains("\"name\":\"Stolen\""),
                        "acme renamed globex's pet\n" + run.transcript()));
    }

    @Test
    void enforceModeBlocksEveryPlantedBugBeforeItsEffectAndTheCorrectEndpointsWork() throws Exception {
        assertEnforced(runScenario("enforce", dir, List.of(), true));
    }

    private static void assertEnforced(Run run) {
        List<Map<String, Object>> violations = run.violations();
        assertAll(
                () -> assertCorrectStepsAnswered(run),
                () -> run.steps().values().stream().filter(Step::bug).forEach(s -> assertTrue(
                        s.answer().status() == 403 && s.answer().body().contains(" tried to "),
                        s.name() + " must be refused with the agent's reason, was: " + s.answer() + "\n" + run.transcript())),
                () -> assertTrue(violations.stream().allMatch(v -> "BLOCKED".equals(v.get("action"))), run.transcript()),
                () -> assertEveryExpectedRecordedAndNothingElse(violations, run),
                // Flyway ran V1 and V2 (tables, partitions, a DO block) with no tenant, in enforce
                () -> assertMigrationsAudited(run),
                // refused before any effect
                () -> assertFalse(run.answer("bug-pet-card-by-id").body().contains("Fifi"), run.transcript()),
                () -> assertFalse(run.answer("bug-species-roster").body().contains("Fifi"), run.transcript()),
                () -> assertTrue(run.answer("after-globex-visits").body().contains("\"reason\":\"checkup\",\"costCents\":4000,"
                        + "\"status\":\"OPEN\""), "the blocked bulk update changed globex's visit\n" + run.transcript()),
                () -> assertTrue(run.answer("after-globex-owner").body().contains("\"name\":\"Fifi\"")
                        && !run.answer("after-globex-owner").body().contains("Stolen"),
                        "the blocked rename by id changed globex's pet\n" + run.transcript()),
                // the writes by id and version went through: acme's owner renamed, its pet renamed by id, Tom removed
                () -> assertTrue(run.answer("after-acme-owner").body().contains("\"name\":\"Anna\""), run.transcript()),
                () -> assertTrue(run.answer("after-acme-owner").body().contains("\"name\":\"Rexy\""), run.transcript()),
                () -> assertFalse(run.answer("after-acme-owner").body().contains("\"name\":\"Tom\""), run.transcript()));
    }

    private static void assertCorrectStepsAnswered(Run run) {
        for (Step step : run.steps().values()) {
            if (!step.bug()) {
                assertEquals(step.expectedStatus(), step.answer().status(), "step " + step.name() + ": " + step.answer()
                        + "\n" + run.transcript());
            }
        }
    }

    private static void assertEveryExpectedRecordedAndNothingElse(List<Map<String, Object>> violations, Run run) {
        for (Expected expected : PLANTED_BUGS) {
            assertTrue(violations.stream().anyMatch(expected::matches), "not recorded: planted bug " + expected + "\n"
                    + run.transcript());
        }
        for (Map<String, Object> v : violations) {
            assertTrue(PLANTED_BUGS.stream().anyMatch(b -> b.matches(v)),
                    "a violation no planted bug explains (a false alarm): " + v + "\n" + run.transcript());
        }
    }

    /**
     * The reported stack of a native query run through a Spring Data repository names the repository
     * method (its proxy's frame names the interface) and the controller above the service, within the
     * default depth, however many frames of Spring and Hibernate lie between.
     */
    private static void assertStackNamesTheRepositoryAndTheController(List<Map<String, Object>> violations, Run run) {
        Map<String, Object> rename = violations.stream()
                .filter(v -> "UPDATE jc_pets SET name = ? WHERE id = ?".equals(v.get("sql"))).findFirst()
                .orElseThrow(() -> new AssertionError("no violation of the rename\n" + run.transcript()));
        String stack = String.valueOf(rename.get("stack"));
        assertTrue(stack.matches("(?s).*\\$Proxy\\d+\\.renameById\\(com\\.example\\.clinic\\.PetRepository\\).*"), stack);
        assertTrue(stack.contains(SERVICE + "renamePetById("), stack);
        assertTrue(stack.contains("com.example.clinic.ClinicController.renamePetById("), stack);
    }

    /** The schema statements of the migrations are audit events, not violations, named by the operation they do. */
    private static void assertMigrationsAudited(Run run) {
        List<Map<String, Object>> schema = run.events().stream()
                .filter(e -> "SCHEMA".equals(e.get("kind")) && "AUDIT".equals(e.get("action"))).toList();
        assertTrue(schema.stream().anyMatch(e -> "CREATE".equals(e.get("operation")) && "jc_owners".equals(e.get("resource"))
                && e.get("activeTenant") == null), "no audit of CREATE TABLE jc_owners\n" + run.transcript());
        assertTrue(schema.stream().anyMatch(e -> "CREATE".equals(e.get("operation")) && "jc_visit_log".equals(e.get("resource"))
                && String.valueOf(e.get("sql")).contains("PARTITION OF")), "no audit of the partition\n" + run.transcript());
        assertTrue(schema.stream().anyMatch(e -> "DO".equals(e.get("operation"))
                && String.valueOf(e.get("reason")).endsWith("(run by Flyway)")), "no audit of the DO block\n" + run.transcript());
        assertTrue(schema.stream().allMatch(e -> String.valueOf(e.get("callSite")).startsWith("com.example.clinic.SchemaReset.")),
                "the call site of a migration is the service's migration strategy\n" + run.transcript());
        assertTrue(run.events().stream().anyMatch(e -> "PRIVILEGED".equals(e.get("kind"))
                && SchemaReset.REASON.equals(e.get("reason"))), "the schema reset is audited\n" + run.transcript());
    }

    // ---- the scenario: every correct endpoint as acme (and globex where a bug needs a victim), then each bug

    private Map<String, Step> scenario(ClinicClient client, boolean speciesBug) throws Exception {
        Map<String, Step> steps = new LinkedHashMap<>();
        StepRecorder step = (name, status, answer) -> steps.put(name, new Step(name, status, answer));
        Answer ann = client.postJson("acme", "/owners", "{\"name\":\"Ann\",\"street\":\"1 Elm\",\"city\":\"Oslo\","
                + "\"pets\":[{\"name\":\"Rex\",\"speciesId\":1},{\"name\":\"Tom\",\"speciesId\":2}]}");
        step.record("acme-register-owner-with-pets", 201, ann);
        Answer gus = client.postJson("globex", "/owners", "{\"name\":\"Gus\",\"street\":\"2 Oak\",\"city\":\"Rome\","
                + "\"pets\":[{\"name\":\"Fifi\",\"speciesId\":1}]}");
        step.record("globex-register-owner-with-pet", 201, gus);
        long a = ann.id();
        long g = gus.id();
        long rex = ann.petId("Rex");
        long tom = ann.petId("Tom");
        long fifi = gus.petId("Fifi");
        step.record("no-tenant-refused", 401, client.get(null, "/owners"));
        step.record("acme-owners-page", 200, client.get("acme", "/owners?prefix=A&page=0&size=1"));
        step.record("acme-owner-with-pets", 200, client.get("acme", "/owners/" + a));
        step.record("acme-globex-owner-not-found", 404, client.get("acme", "/owners/" + g));
        step.record("acme-search-jpql", 200, client.get("acme", "/owners/search?city=Oslo"));
        step.record("acme-search-specification", 200, client.get("acme", "/owners/search?city=Oslo&name=an"));
        step.record("acme-pets-of-owner", 200, client.get("acme", "/owners/" + a + "/pets"));
        step.record("acme-add-visits", 200, client.postJson("acme", "/pets/" + rex + "/visits",
                "[{\"reason\":\"checkup\",\"costCents\":5000},{\"reason\":\"vaccine\",\"costCents\":3000}]"));
        step.record("globex-add-visits", 200, client.postJson("globex", "/pets/" + fifi + "/visits",
                "[{\"reason\":\"checkup\",\"costCents\":4000},{\"reason\":\"x-ray\",\"costCents\":3000}]"));
        step.record("acme-visits-lazy", 200, client.get("acme", "/pets/" + rex + "/visits"));
        step.record("acme-globex-pet-visits-not-found", 404, client.get("acme", "/pets/" + fifi + "/visits"));
        step.record("acme-pet-owner-lazy", 200, client.get("acme", "/pets/" + rex + "/owner"));
        step.record("acme-tag-pet", 200, client.post("acme", "/pets/" + rex + "/tags/shy"));
        step.record("acme-close-visits-bulk", 200, client.post("acme", "/pets/" + rex + "/visits/close"));
        step.record("acme-open-visits-native", 200, client.get("acme", "/visits/open/count"));
        step.record("acme-rename-owner", 200, client.put("acme", "/owners/" + a + "?name=Anna&city=Bergen"));
        step.record("acme-remove-pet", 204, client.delete("acme", "/pets/" + tom));

        step.record("acme-rename-own-pet-by-id", 200, client.put("acme", "/pets/" + rex + "/name?name=Rexy"));

        step.record("bug-pet-card-by-id", 0, client.get("acme", "/pets/" + fifi + "/card"));
        step.record("bug-native-revenue", 0, client.get("acme", "/reports/open-revenue"));
        step.record("bug-bulk-close-every-tenant", 0, client.post("acme", "/visits/close?reason=checkup"));
        if (speciesBug) {
            step.record("bug-species-roster", 0, client.get("acme", "/species/1/pets"));
        }
        // after the roster, which would show the new name
        step.record("bug-rename-globex-pet-by-id", 0, client.put("acme", "/pets/" + fifi + "/name?name=Stolen"));

        step.record("after-globex-visits", 200, client.get("globex", "/pets/" + fifi + "/visits"));
        step.record("after-acme-owner", 200, client.get("acme", "/owners/" + a));
        step.record("after-globex-owner", 200, client.get("globex", "/owners/" + g));
        return steps;
    }

    private interface StepRecorder {
        void record(String name, int expectedStatus, Answer answer);
    }

    // ---- schema per tenant: Hibernate's MultiTenantConnectionProvider, the agent's jdbc.schemas

    /** The tenants' schemas of the schema-per-tenant runs are h2c_acme and h2c_globex. */
    private static final String TENANT_SCHEMA_PREFIX = "h2c_";
    private static final String PARTNER_BUG_SQL = "SELECT name FROM " + TENANT_SCHEMA_PREFIX + "globex.jc_pets ORDER BY name";

    /**
     * Schema per tenant ({@code --clinic.multitenancy=schema}): Hibernate takes each session's connection
     * from the service's {@code MultiTenantConnectionProvider}, which switches it to the tenant's schema
     * ({@code setSchema}) and back to {@code public} on release, from a pool of one connection, so that each
     * request of a tenant reuses the connection the other tenant just gave back. The policy names only the
     * schemas ({@code jdbc.schemas}). In enforce every correct endpoint works for both tenants, and a native
     * query that names globex's schema, run for acme, is refused before it reads anything; the only
     * violation is that one.
     */
    @Test
    void schemaPerTenantEnforceLetsTheProvidersSwitchesPassAndBlocksANameOfAnotherTenantsSchema() throws Exception {
        Run run = runSchemaPerTenant("enforce");
        assertAll(
                () -> assertCorrectStepsAnswered(run),
                () -> assertEquals(403, run.answer("bug-partner-pets").status(), run.transcript()),
                () -> assertTrue(run.answer("bug-partner-pets").body().contains(" tried to "), run.transcript()),
                () -> assertFalse(run.answer("bug-partner-pets").body().contains("Fifi"), run.transcript()),
                () -> assertOnlyThePartnerBug(run, "BLOCKED"),
                // after the refusal, globex's pet is where it was, and the released connection serves globex
                () -> assertTrue(run.answer("after-globex-owner").body().contains("\"name\":\"Fifi\""), run.transcript()));
    }

    /** The same run in report: the bug reads globex's pets and is recorded once, at the service's method. */
    @Test
    void schemaPerTenantReportRecordsTheNameOfAnotherTenantsSchemaAtItsCallSiteAndNothingElse() throws Exception {
        Run run = runSchemaPerTenant("report");
        assertAll(
                () -> assertCorrectStepsAnswered(run),
                () -> assertEquals(200, run.answer("bug-partner-pets").status(), run.transcript()),
                () -> assertTrue(run.answer("bug-partner-pets").body().contains("Fifi"), run.transcript()),
                () -> assertOnlyThePartnerBug(run, "REPORTED"));
    }

    private Run runSchemaPerTenant(String mode) throws Exception {
        return runService(mode, dir,
                List.of("jdbc:", "  schemas: [\"" + TENANT_SCHEMA_PREFIX + "{tenant}\"]"), List.of(),
                List.of("--spring.datasource.url=" + RealPostgres.URL + "?currentSchema=public",
                        "--spring.datasource.hikari.maximum-pool-size=1",
                        // Flyway on its own connections: its clean and lock need a second one at start
                        "--spring.flyway.url=" + RealPostgres.URL + "?currentSchema=public",
                        "--spring.flyway.user=" + RealPostgres.USER,
                        "--clinic.multitenancy=schema",
                        "--clinic.tenant-schema-prefix=" + TENANT_SCHEMA_PREFIX),
                this::schemaPerTenantScenario);
    }

    private static void assertOnlyThePartnerBug(Run run, String action) {
        List<Map<String, Object>> violations = run.violations();
        assertEquals(1, violations.size(), "one violation, the planted bug\n" + run.transcript());
        Map<String, Object> v = violations.get(0);
        assertAll(
                () -> assertEquals(action, v.get("action"), run.transcript()),
                () -> assertEquals("CROSS_TENANT", v.get("kind"), run.transcript()),
                () -> assertEquals("jdbc", v.get("family"), run.transcript()),
                () -> assertEquals("acme", v.get("activeTenant"), run.transcript()),
                () -> assertEquals("globex", v.get("resourceTenant"), run.transcript()),
                () -> assertEquals(PARTNER_BUG_SQL, v.get("sql"), run.transcript()),
                () -> assertTrue(String.valueOf(v.get("callSite")).startsWith("com.example.clinic.PartnerPets.petsOf("),
                        run.transcript()));
    }

    /** Both tenants' requests alternate on the one pooled connection; ids repeat across schemas (own sequences). */
    private Map<String, Step> schemaPerTenantScenario(ClinicClient client) throws Exception {
        Map<String, Step> steps = new LinkedHashMap<>();
        StepRecorder step = (name, status, answer) -> steps.put(name, new Step(name, status, answer));
        Answer ann = client.postJson("acme", "/owners", "{\"name\":\"Ann\",\"street\":\"1 Elm\",\"city\":\"Oslo\","
                + "\"pets\":[{\"name\":\"Rex\",\"speciesId\":1},{\"name\":\"Tom\",\"speciesId\":2}]}");
        step.record("acme-register-owner-with-pets", 201, ann);
        Answer gus = client.postJson("globex", "/owners", "{\"name\":\"Gus\",\"street\":\"2 Oak\",\"city\":\"Rome\","
                + "\"pets\":[{\"name\":\"Fifi\",\"speciesId\":1}]}");
        step.record("globex-register-owner-with-pet", 201, gus);
        long a = ann.id();
        long g = gus.id();
        long rex = ann.petId("Rex");
        long tom = ann.petId("Tom");
        long fifi = gus.petId("Fifi");
        step.record("acme-owners-page", 200, client.get("acme", "/owners?prefix=A&page=0&size=1"));
        step.record("globex-owners-page", 200, client.get("globex", "/owners?prefix=G&page=0&size=1"));
        step.record("acme-owner-with-pets", 200, client.get("acme", "/owners/" + a));
        step.record("acme-search-jpql", 200, client.get("acme", "/owners/search?city=Oslo"));
        step.record("acme-search-specification", 200, client.get("acme", "/owners/search?city=Oslo&name=an"));
        step.record("acme-pets-of-owner", 200, client.get("acme", "/owners/" + a + "/pets"));
        step.record("acme-add-visits", 200, client.postJson("acme", "/pets/" + rex + "/visits",
                "[{\"reason\":\"checkup\",\"costCents\":5000},{\"reason\":\"vaccine\",\"costCents\":3000}]"));
        step.record("globex-add-visits", 200, client.postJson("globex", "/pets/" + fifi + "/visits",
                "[{\"reason\":\"checkup\",\"costCents\":4000}]"));
        step.record("acme-visits-lazy", 200, client.get("acme", "/pets/" + rex + "/visits"));
        step.record("globex-visits-lazy", 200, client.get("globex", "/pets/" + fifi + "/visits"));
        step.record("acme-pet-owner-lazy", 200, client.get("acme", "/pets/" + rex + "/owner"));
        step.record("acme-tag-pet", 200, client.post("acme", "/pets/" + rex + "/tags/shy"));
        step.record("acme-close-visits-bulk", 200, client.post("acme", "/pets/" + rex + "/visits/close"));
        step.record("acme-open-visits-native", 200, client.get("acme", "/visits/open/count"));
        // native SQL with no tenant predicate: it reaches only the schema of the connection, acme's
        step.record("acme-open-revenue-in-own-schema", 200, client.get("acme", "/reports/open-revenue"));
        step.record("acme-rename-owner", 200, client.put("acme", "/owners/" + a + "?name=Anna&city=Bergen"));
        step.record("acme-remove-pet", 204, client.delete("acme", "/pets/" + tom));
        step.record("acme-rename-own-pet-by-id", 200, client.put("acme", "/pets/" + rex + "/name?name=Rexy"));
        // a native query that names the caller's own schema is correct
        step.record("acme-own-schema-named", 200, client.get("acme", "/partners/acme/pets"));

        step.record("bug-partner-pets", 0, client.get("acme", "/partners/globex/pets"));

        step.record("after-acme-owner", 200, client.get("acme", "/owners/" + a));
        step.record("after-globex-owner", 200, client.get("globex", "/owners/" + g));
        return steps;
    }

    // ---- running the service

    /**
     * The way from report to enforce on day one: a report run without the species bug is recorded, its
     * call sites become the baseline ({@code java -jar tenant-guard-agent.jar baseline}), and in enforce
     * with {@code report.baseline} those call sites keep working (recorded as KNOWN) while the species
     * bug — a crossing the baseline does not know — is blocked.
     */
    @Test
    void aBaselineOfAReportRunLetsItsCallSitesPassInEnforceAndBlocksANewCrossing() throws Exception {
        Path recorded = Files.createDirectories(dir.resolve("record"));
        runScenario("report", recorded, List.of(), false);
        Path baseline = dir.resolve("tenant-guard-baseline.txt");
        Process command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                requiredFile("tgtest.agentJar", "the agent jar").toString(), "baseline",
                recorded.resolve("violations.jsonl").toString(), baseline.toString())
                .redirectErrorStream(true).start();
        String said = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(command.waitFor(60, TimeUnit.SECONDS), said);
        assertEquals(0, command.exitValue(), said);
        List<String> known = Files.readAllLines(baseline).stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(4, known.size(), "the four bugs of the recorded run: " + known);
        assertTrue(known.contains("UNSCOPED_QUERY jdbc com.example.clinic.ClinicService.petCard"), known.toString());
        assertFalse(known.stream().anyMatch(l -> l.contains("speciesRoster")), known.toString());

        Path enforced = Files.createDirectories(dir.resolve("enforce"));
        Run run = runScenario("enforce", enforced, List.of("  baseline: " + quoted(baseline.toString())), true);
        List<Map<String, Object>> violations = run.violations();
        assertAll(
                () -> assertCorrectStepsAnswered(run),
                // the old call sites pass, recorded as KNOWN: the service works as before on day one
                () -> run.steps().values().stream().filter(s -> s.bug() && !s.name().equals("bug-species-roster"))
                        .forEach(s -> assertTrue(
                        s.answer().status() / 100 == 2, s.name() + " is a known call site: " + s.answer() + "\n" + run.transcript())),
                () -> assertEquals(4, run.events().stream().filter(e -> "KNOWN".equals(e.get("action")))
                        .map(e -> e.get("callSite")).distinct().count(), run.transcript()),
                // the new crossing is blocked before its effect
                () -> assertEquals(403, run.answer("bug-species-roster").status(), run.transcript()),
                () -> assertFalse(run.answer("bug-species-roster").body().contains("Fifi"), run.transcript()),
                () -> assertFalse(violations.isEmpty(), "the new crossing is recorded\n" + run.transcript()),
                () -> assertTrue(violations.stream().allMatch(v -> "BLOCKED".equals(v.get("action"))
                        && String.valueOf(v.get("callSite")).startsWith(SERVICE + "lambda$speciesRoster$")), run.transcript()));
    }

    private Run runScenario(String mode, Path dir, List<String> reportKeys, boolean speciesBug) throws Exception {
        return runScenario(mode, dir, reportKeys, speciesBug, List.of(), List.of());
    }

    /** @param tenantKeys policy lines before {@code jdbc:}; @param appArgs more arguments of the service */
    private Run runScenario(String mode, Path dir, List<String> reportKeys, boolean speciesBug, List<String> tenantKeys,
            List<String> appArgs) throws Exception {
        List<String> policyKeys = new ArrayList<>(tenantKeys);
        policyKeys.addAll(List.of("jdbc:", "  column: tenant_id", "  tables: [jc_owners, jc_pets, jc_visits, jc_tags, jc_visit_log]"));
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + RealPostgres.URL + "?currentSchema=" + SCHEMA,
                "--spring.flyway.schemas=" + SCHEMA));
        args.addAll(appArgs);
        Run run = runService(mode, dir, policyKeys, reportKeys, args, client -> scenario(client, speciesBug));
        for (Expected expected : PLANTED_BUGS) {
            assertTrue(run.steps().containsKey(expected.step()) || !speciesBug, "the scenario did not run " + expected.step()
                    + "\n" + run.transcript());
        }
        return run;
    }

    /** What a run does against the started service. */
    private interface Scenario {
        Map<String, Step> run(ClinicClient client) throws Exception;
    }

    /** @param policyKeys policy lines before {@code report:}; @param appArgs the service's arguments past the common ones */
    private Run runService(String mode, Path dir, List<String> policyKeys, List<String> reportKeys, List<String> appArgs,
            Scenario scenario) throws Exception {
        Path agent = requiredFile("tgtest.agentJar", "the agent jar; build it with `mvn -pl agent/core -am package`");
        Path app = requiredFile("clinic.jar", "the fat jar; build it with `mvn -pl test-apps/jpa-clinic -am package`");
        assertFatJar(app);
        Path jsonl = dir.resolve("violations.jsonl");
        Path policy = dir.resolve("tenant-guard.yaml");
        Path portFile = dir.resolve("clinic.port");
        Files.writeString(policy, String.join("\n",
                "mode: " + mode,
                String.join("\n", policyKeys),
                "report:",
                "  jsonl: " + quoted(jsonl.toAbsolutePath().toString()),
                "  log: true",
                String.join("\n", reportKeys),
                ""));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent + "=config=" + policy.toAbsolutePath(),
                "-jar", app.toString(),
                "--server.port=0",
                "--spring.datasource.username=" + RealPostgres.USER,
                "--clinic.reset-schema=true",
                "--clinic.port-file=" + portFile));
        command.addAll(appArgs);
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
            steps.putAll(scenario.run(new ClinicClient(base)));
        } catch (Exception | AssertionError e) {
            problem = e.toString();
        } finally {
            service.destroy();
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
                + "--- jsonl\n" + read(jsonl);
        if (problem != null) {
            fail(problem + "\n" + transcript);
        }
        return new Run(steps, JsonLines.read(jsonl), transcript);
    }

    private static void assertFatJar(Path app) throws IOException {
        try (JarFile jar = new JarFile(app.toFile())) {
            assertEquals("org.springframework.boot.loader.launch.JarLauncher",
                    jar.getManifest().getMainAttributes().getValue("Main-Class"), app + " is not a Spring Boot fat jar");
            assertTrue(jar.stream().anyMatch(e -> e.getName().matches("BOOT-INF/lib/hibernate-core-6\\..*\\.jar")),
                    app + " does not nest Hibernate 6");
            assertTrue(jar.stream().anyMatch(e -> e.getName().matches("BOOT-INF/lib/flyway-core-.*\\.jar")),
                    app + " does not nest Flyway");
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
}
