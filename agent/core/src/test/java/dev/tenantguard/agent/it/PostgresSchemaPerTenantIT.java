package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema per tenant on PostgreSQL, as a Hibernate {@code MultiTenantConnectionProvider} runs it: a
 * connection switched to the current tenant's schema ({@code setSchema}, {@code SET search_path},
 * {@code set_config}) runs unqualified statements in that schema only, so they pass; the connection is
 * that tenant's until it is switched to a schema of no tenant or reset; a switch to, or a name qualified
 * by, another tenant's schema is a crossing; a switch to a schema the agent cannot read is not verified.
 * Schemas {@code h3t_acme} and {@code h3t_globex}, table {@code notes} in each.
 */
class PostgresSchemaPerTenantIT {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String POLICY = "jdbc:\n  schemas: [\"h3t_{tenant}\"]\n";

    @TempDir
    Path root;
    private final List<String> steps = new ArrayList<>();
    private final List<String> enforced = new ArrayList<>();
    private final List<String> reported = new ArrayList<>();

    @BeforeEach
    void server() {
        RealDatabase.require("PostgreSQL", 5432);
    }

    /** One step, what enforce prints, what report prints (the call runs). */
    private void step(String step, String enforce, String report) {
        steps.add(step);
        enforced.add(enforce);
        reported.add(report);
    }

    private void scenario() {
        for (String tenant : List.of("acme", "globex")) {
            step("admin|-|DROP SCHEMA IF EXISTS h3t_" + tenant + " CASCADE|", "OK", "OK");
            step("admin|-|CREATE SCHEMA h3t_" + tenant + "|", "OK", "OK");
            step("admin|-|CREATE TABLE h3t_" + tenant + ".notes (id INT PRIMARY KEY, body VARCHAR(100))|", "OK", "OK");
            step("admin|-|INSERT INTO h3t_" + tenant + ".notes VALUES (1, '" + tenant + "-note')|", "OK", "OK");
        }
        // the provider switches the connection to acme's schema; acme's unqualified statements pass
        step("schema|acme|h3t_acme", "OK", "OK");
        step("stmt|acme|SELECT body FROM notes", "OK [acme-note]", "OK [acme-note]");
        step("stmt|acme|UPDATE notes SET body = 'acme-edited'", "OK", "OK");
        // the connection stays acme's: another tenant on it crosses
        step("stmt|globex|SELECT body FROM notes", "BLOCKED CROSS_TENANT", "OK [acme-edited]");
        // another tenant's schema, by switch or by name
        step("stmt|acme|SET search_path TO h3t_globex", "BLOCKED CROSS_TENANT", "OK");
        step("stmt|acme|SET search_path TO h3t_acme", "OK", "OK");
        step("stmt|acme|SELECT set_config('search_path', 'h3t_globex', false)", "BLOCKED CROSS_TENANT",
                "OK [h3t_globex]");
        step("stmt|acme|SET search_path TO h3t_acme, public", "OK", "OK");
        step("stmt|acme|SELECT body FROM notes", "OK [acme-edited]", "OK [acme-edited]");
        step("stmt|acme|SELECT body FROM h3t_globex.notes", "BLOCKED CROSS_TENANT", "OK [globex-note]");
        step("stmt|acme|UPDATE h3t_globex.notes SET body = 'hacked'", "BLOCKED CROSS_TENANT", "OK");
        // a schema the agent cannot read
        step("prep|acme|SELECT set_config('search_path', ?, false)|h3t_globex", "BLOCKED NOT_VERIFIED",
                "OK [h3t_globex]");
        // a switch to a schema of no tenant ends the connection's tenant: the next tenant may use it
        step("stmt|acme|SET search_path TO public", "OK", "OK");
        step("stmt|globex|SELECT current_schema()", "OK [public]", "OK [public]");
        step("stmt|globex|SELECT set_config('search_path', 'h3t_globex', false)", "OK [h3t_globex]", "OK [h3t_globex]");
        step("stmt|globex|SELECT body FROM notes", "OK [globex-note]", "OK [hacked]");
        step("stmt|globex|RESET search_path", "OK", "OK");
        step("stmt|acme|SELECT current_schema()", "OK [public]", "OK [public]");
        // no tenant: a tenant's schema is a tenant's resource
        step("stmt|-|SET search_path TO h3t_acme", "BLOCKED NO_TENANT", "OK");
        step("stmt|-|SET search_path TO public", "OK", "OK");
        // what is left
        step("admin|-|SELECT body FROM h3t_globex.notes|", "OK [globex-note]", "OK [hacked]");
        step("admin|-|SELECT body FROM h3t_acme.notes|", "OK [acme-edited]", "OK [acme-edited]");
    }

    @Test
    void enforceLetsTheTenantsOwnSchemaRunAndBlocksEveryOtherBeforeTheDatabase() throws Exception {
        scenario();
        ForkedJvm.Result result = JdbcEnforcementContract.run(root, URL, "mode: enforce\n" + POLICY,
                List.of("-Dprobe.user=postgres"), steps);

        assertOutcomes(result, enforced);
        String jsonl = Files.readString(root.resolve("violations.jsonl"));
        assertEquals(7, jsonl.lines().filter(l -> l.contains("\"action\":\"BLOCKED\"")).count(), jsonl);
    }

    @Test
    void reportLetsEveryStatementRunAndRecordsEachCrossing() throws Exception {
        scenario();
        ForkedJvm.Result result = JdbcEnforcementContract.run(root, URL, "mode: report\n" + POLICY,
                List.of("-Dprobe.user=postgres"), steps);

        assertOutcomes(result, reported);
        List<String> lines = Files.readAllLines(root.resolve("violations.jsonl"));
        assertEquals(7, lines.stream().filter(l -> l.contains("\"action\":\"REPORTED\"")).count(),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"NOT_VERIFIED\"")), String.join("\n", lines));
    }

    private void assertOutcomes(ForkedJvm.Result result, List<String> expected) {
        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < steps.size(); i++) {
            String outcome = result.step(i);
            assertTrue(outcome.startsWith(expected.get(i)), "step " + i + " " + steps.get(i) + "\nexpected "
                    + expected.get(i) + "\nbut was  " + outcome + "\n" + result.stderr());
        }
    }
}
