package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema per tenant, migrated at start in enforce with no tenant, as Flyway migrates each tenant's
 * schema: a migration tool's statements (a class of Flyway's package on the stack) may switch to and
 * work in any tenant's schema and are audited; the same switch or a statement in that schema from
 * other code with no tenant is refused, and a migration tool's switch with a tenant in context is
 * judged as any code's. PostgreSQL, schemas {@code h2m_*}: the server is shared.
 */
class MigrationSchemasIT {
    private static final String POLICY = "mode: enforce\njdbc:\n  schemas: [\"h2m_{tenant}\"]\n";

    @TempDir
    Path root;

    private final List<String> steps = new ArrayList<>();
    private final List<String> expected = new ArrayList<>();

    @Test
    void aMigrationToolWorksInEveryTenantsSchemaWithNoTenantAndOtherCodeDoesNot() throws Exception {
        RealDatabase.require("PostgreSQL", 5432);
        step("admin|-|DROP SCHEMA IF EXISTS h2m_acme CASCADE|", "OK");
        step("admin|-|DROP SCHEMA IF EXISTS h2m_globex CASCADE|", "OK");
        step("admin|-|CREATE SCHEMA h2m_acme|", "OK");
        step("admin|-|CREATE SCHEMA h2m_globex|", "OK");
        step("stmt|-|SET search_path TO h2m_acme", "BLOCKED NO_TENANT");
        step("migration|-|SET search_path TO h2m_acme", "OK");
        step("migration|-|CREATE TABLE pets (name VARCHAR(20))", "OK");
        step("migration|-|INSERT INTO pets VALUES ('Rex')", "OK");
        step("stmt|-|SELECT name FROM pets", "BLOCKED NO_TENANT");
        step("stmt|acme|SELECT name FROM pets", "OK [Rex]");
        step("migration|acme|SET search_path TO h2m_globex", "BLOCKED CROSS_TENANT");
        step("migration|-|SET search_path TO h2m_globex", "OK");
        step("migration|-|CREATE TABLE pets (name VARCHAR(20))", "OK");
        step("stmt|acme|SELECT name FROM pets", "BLOCKED CROSS_TENANT");
        step("admin|-|SELECT CONCAT((SELECT COUNT(*) FROM h2m_acme.pets), ':', (SELECT COUNT(*) FROM h2m_globex.pets))|",
                "OK [1:0]");
        step("admin|-|DROP SCHEMA h2m_acme CASCADE|", "OK");
        step("admin|-|DROP SCHEMA h2m_globex CASCADE|", "OK");

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, "jdbc:postgresql://127.0.0.1:5432/test", POLICY,
                List.of("-Dprobe.user=postgres"), steps);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < steps.size(); i++) {
            assertTrue(result.step(i).startsWith(expected.get(i)), "step " + i + " " + steps.get(i) + "\nexpected "
                    + expected.get(i) + "\nbut was  " + result.step(i) + "\n" + result.stderr());
        }
        String jsonl = Files.readString(root.resolve("violations.jsonl"));
        assertTrue(jsonl.lines().anyMatch(l -> l.contains("\"kind\":\"SCHEMA\"") && l.contains("\"action\":\"AUDIT\"")
                && l.contains("schema h2m_acme") && l.contains("(run by Flyway)")), jsonl);
        assertTrue(jsonl.lines().noneMatch(l -> l.contains("\"action\":\"AUDIT\"") && l.contains("\"activeTenant\":\"")
                && l.contains("(run by Flyway)")), "a migration with a tenant in context is not audited as one: " + jsonl);
    }

    private void step(String step, String outcome) {
        steps.add(step);
        expected.add(outcome);
    }
}
