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
 * Schema statements on tenant tables under the real agent in enforce, with no tenant as at start-up:
 * what builds ({@code CREATE TABLE IF NOT EXISTS}, {@code ALTER … ADD}, {@code CREATE INDEX}, and on
 * PostgreSQL the {@code PARTITION BY}/{@code PARTITION OF} the parser cannot read) runs and is audited;
 * what destroys every tenant's rows ({@code TRUNCATE}, {@code DROP}, dropping the tenant column) is
 * refused, and the rows are still there; a {@code DO} block is not verified; the same {@code DROP} and
 * {@code DO} block run from a migration tool's frames (a class of Flyway's package) run and are
 * audited. Tables {@code h2s_*}: the servers are shared.
 */
class SchemaStatementsIT {
    private static final String POLICY = "mode: enforce\njdbc:\n  column: tenant_id\n"
            + "  tables: [h2s_orders, h2s_old, h2s_log]\n";

    @TempDir
    Path root;

    private final List<String> steps = new ArrayList<>();
    private final List<String> expected = new ArrayList<>();

    @Test
    void h2() throws Exception {
        buildAndDestroy("jdbc:h2:mem:schema;DB_CLOSE_DELAY=-1", List.of());
    }

    @Test
    void postgres() throws Exception {
        RealDatabase.require("PostgreSQL", 5432);
        step("admin|-|DROP TABLE IF EXISTS h2s_log|", "OK");
        step("stmt|-|CREATE TABLE h2s_log (tenant_id VARCHAR(64) NOT NULL, note VARCHAR(50)) PARTITION BY LIST (tenant_id)",
                "OK");
        step("stmt|-|CREATE TABLE h2s_log_default PARTITION OF h2s_log DEFAULT", "OK");
        String block = "DO $$ BEGIN EXECUTE 'CREATE TABLE h2s_log_acme PARTITION OF h2s_log FOR VALUES IN (''acme'')';"
                + " END $$";
        step("stmt|-|" + block, "BLOCKED NOT_VERIFIED");
        step("admin|-|SELECT COUNT(*) FROM pg_class WHERE relname = 'h2s_log_acme'|", "OK [0]");
        step("migration|-|" + block, "OK");
        step("admin|-|SELECT COUNT(*) FROM pg_class WHERE relname = 'h2s_log_acme'|", "OK [1]");
        String jsonl = buildAndDestroy("jdbc:postgresql://127.0.0.1:5432/test", List.of("-Dprobe.user=postgres"));

        assertTrue(jsonl.lines().anyMatch(l -> l.contains("\"action\":\"AUDIT\"") && l.contains("\"operation\":\"CREATE\"")
                && l.contains("PARTITION OF h2s_log DEFAULT")), jsonl);
        assertTrue(jsonl.lines().anyMatch(l -> l.contains("\"action\":\"AUDIT\"") && l.contains("\"operation\":\"DO\"")
                && l.contains("(run by Flyway)")), jsonl);
    }

    /** The common steps, after any given before; returns the JSON lines recorded. */
    private String buildAndDestroy(String url, List<String> jvmOptions) throws Exception {
        step("admin|-|DROP TABLE IF EXISTS h2s_orders|", "OK");
        step("admin|-|DROP TABLE IF EXISTS h2s_old|", "OK");
        step("stmt|-|CREATE TABLE IF NOT EXISTS h2s_orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL,"
                + " item VARCHAR(50))", "OK");
        step("admin|-|INSERT INTO h2s_orders (id, tenant_id, item) VALUES (1, 'acme', 'anvil'), (2, 'globex', 'gizmo')|",
                "OK");
        step("stmt|-|ALTER TABLE h2s_orders ADD COLUMN note VARCHAR(50)", "OK");
        step("stmt|-|CREATE INDEX h2s_orders_item ON h2s_orders (item)", "OK");
        int truncate = steps.size();
        step("stmt|acme|TRUNCATE TABLE h2s_orders", "BLOCKED UNSCOPED_QUERY");
        step("stmt|-|DROP TABLE h2s_orders", "BLOCKED UNSCOPED_QUERY");
        step("stmt|-|ALTER TABLE h2s_orders DROP COLUMN tenant_id", "BLOCKED UNSCOPED_QUERY");
        step("admin|-|SELECT CONCAT(id, ':', tenant_id, ':', item) FROM h2s_orders ORDER BY id|",
                "OK [1:acme:anvil, 2:globex:gizmo]");
        step("stmt|-|CREATE TABLE h2s_old (id INT, tenant_id VARCHAR(64))", "OK");
        step("migration|-|DROP TABLE h2s_old", "OK");
        step("admin|-|SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'h2s_old'|", "OK [0]");
        step("admin|-|DROP TABLE h2s_orders|", "OK");

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url, POLICY, jvmOptions, steps);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < steps.size(); i++) {
            assertTrue(result.step(i).startsWith(expected.get(i)), "step " + i + " " + steps.get(i) + "\nexpected "
                    + expected.get(i) + "\nbut was  " + result.step(i) + "\n" + result.stderr());
        }
        assertTrue(result.step(truncate).contains("allowed only in a privileged scope or a migration tool's migration"),
                result.step(truncate));
        String jsonl = Files.readString(root.resolve("violations.jsonl"));
        assertTrue(jsonl.lines().anyMatch(l -> l.contains("\"kind\":\"SCHEMA\"") && l.contains("\"action\":\"AUDIT\"")
                && l.contains("\"operation\":\"CREATE\"") && l.contains("\"resource\":\"h2s_orders\"")
                && !l.contains("\"activeTenant\":\"")), jsonl);
        assertTrue(jsonl.lines().anyMatch(l -> l.contains("\"action\":\"AUDIT\"") && l.contains("\"operation\":\"DROP\"")
                && l.contains("\"resource\":\"h2s_old\"") && l.contains("(run by Flyway)")), jsonl);
        assertTrue(jsonl.lines().anyMatch(l -> l.contains("\"action\":\"BLOCKED\"") && l.contains("\"operation\":\"TRUNCATE\"")),
                jsonl);
        return jsonl;
    }

    private void step(String step, String outcome) {
        steps.add(step);
        expected.add(outcome);
    }
}
