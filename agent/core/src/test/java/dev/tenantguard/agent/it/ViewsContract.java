package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Views under {@code tables: auto}, with the real agent: a view that has the tenant column is a tenant
 * table (scoped reads pass, unscoped or another tenant's are refused); a view that reads a tenant table
 * but hides the column — and a view over that one — is not verifiable, for reads and writes. acme's
 * row 1 and globex's row 2 of {@code vw_orders} are read back after the writes: untouched in enforce.
 * In report mode every refused step runs (the app sees globex's row) and is recorded once. Each on a text, a
 * {@code BIGINT} and a {@code UUID} tenant column ({@link TenantColumnType}).
 */
abstract class ViewsContract {
    static final String POLICY = "jdbc:\n  column: tenant_id\n  tables: auto\n";
    static final String ROWS = "admin|-|SELECT CONCAT(id, ':', tenant_id, ':', item) FROM vw_orders ORDER BY id|";

    @TempDir
    Path root;

    abstract String url();

    List<String> jvmOptions() {
        return List.of();
    }

    /** Drops the views (and materialized views) of an earlier run, before the table they read. */
    List<String> dropViews() {
        return List.of("vw_item_ids", "vw_items", "vw_open", "vw_plain").stream()
                .map(v -> "admin|-|DROP VIEW IF EXISTS " + v + "|").toList();
    }

    /** Whether the database writes through a simple view (H2 does not: the write fails there, in report mode). */
    boolean updatableViews() {
        return true;
    }

    /** This database's extra views (materialized ones) as {@code {step, outcome in enforce}}, created first. */
    List<String[]> extraViews() {
        return List.of();
    }

    /** Steps on this database's extra views, as {@code {step, outcome in enforce}}. */
    List<String[]> extraSteps() {
        return List.of();
    }

    @ParameterizedTest(name = "mode {0}, tenant column {1}")
    @CsvSource({"enforce, TEXT", "report, TEXT", "enforce, BIGINT", "report, BIGINT", "enforce, UUID", "report, UUID"})
    void aViewIsATenantTableWhenItHasTheColumnAndNotVerifiableWhenItHidesIt(String mode, TenantColumnType type)
            throws Exception {
        boolean enforce = mode.equals("enforce");
        List<String[]> steps = typed(type, textSteps());
        List<String> texts = steps.stream().map(s -> s[0]).toList();
        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url(), "mode: " + mode + "\n" + POLICY, jvmOptions(),
                texts);

        assertEquals(0, result.exitCode(), result.toString());
        String rows = type.step(ROWS);
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            String expected = steps.get(i)[1];
            String outcome = result.step(i);
            if (expected.startsWith("BLOCKED")) {
                refused.add(i + " " + expected.split(" ")[1]);
                if (enforce) {
                    assertTrue(outcome.startsWith(expected), "step " + i + " " + texts.get(i) + "\n" + outcome);
                    assertFalse(outcome.contains("gizmo"), "a refused read returned globex's row: " + outcome);
                } else {
                    boolean failsInTheDatabase = !updatableViews() && texts.get(i).contains("|UPDATE")
                            && outcome.startsWith("FAILED");
                    assertTrue(outcome.startsWith("OK") || failsInTheDatabase,
                            "report lets it run: step " + i + " " + texts.get(i) + "\n" + outcome);
                }
            } else {
                assertTrue(outcome.startsWith(expected), "step " + i + " " + texts.get(i) + "\nexpected " + expected
                        + "\nbut was  " + outcome + "\n" + result.stderr());
            }
            if (texts.get(i).equals(rows)) {
                assertEquals(type.text(enforce || !updatableViews() ? "2:globex:gizmo]" : "2:globex:stolen]"),
                        outcome.substring(outcome.indexOf(", ") + 2), "globex's row after a write through a view that hides the tenant");
            }
        }
        if (enforce) {
            String blocked = result.step(texts.indexOf(type.step("prep|acme|SELECT item FROM vw_items WHERE id = ?|2")));
            assertTrue(blocked.contains("could not be verified") && blocked.contains("vw_items")
                    && blocked.contains("has no tenant_id column"), blocked);
        } else {
            List<String> lines = Files.readAllLines(root.resolve("violations.jsonl"));
            for (String step : refused) {
                int i = Integer.parseInt(step.split(" ")[0]);
                String sql = texts.get(i).split("\\|")[2];
                String kind = "\"kind\":\"" + step.split(" ")[1] + "\"";
                long records = lines.stream().filter(l -> l.contains(kind) && l.contains(sql)).count();
                assertEquals(1, records, "one record for step " + i + " " + sql + "\n" + String.join("\n", lines));
            }
        }
    }

    /** The steps on a text tenant column, as {@code {step, outcome in enforce}}. */
    private List<String[]> textSteps() {
        List<String[]> steps = new ArrayList<>();
        dropViews().forEach(s -> steps.add(step(s, "OK")));
        steps.add(step("admin|-|DROP TABLE IF EXISTS vw_orders|", "OK"));
        steps.add(step("admin|-|CREATE TABLE vw_orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, item VARCHAR(100))|",
                "OK"));
        steps.add(step("admin|-|INSERT INTO vw_orders (id, tenant_id, item) VALUES (1, 'acme', 'anvil'), (2, 'globex', 'gizmo')|",
                "OK"));
        steps.add(step("admin|-|CREATE VIEW vw_open AS SELECT id, tenant_id, item FROM vw_orders|", "OK"));
        steps.add(step("admin|-|CREATE VIEW vw_items AS SELECT id, item FROM vw_orders|", "OK"));
        steps.add(step("admin|-|CREATE VIEW vw_item_ids AS SELECT id FROM vw_items|", "OK"));
        steps.add(step("admin|-|CREATE VIEW vw_plain AS SELECT 1 AS one|", "OK"));
        steps.addAll(extraViews());
        // a view with the tenant column: a tenant table
        steps.add(step("prep|acme|SELECT item FROM vw_open WHERE tenant_id = ?|acme", "OK [anvil]"));
        steps.add(step("prep|acme|SELECT item FROM vw_open WHERE id = ?|2", "BLOCKED UNSCOPED_QUERY"));
        steps.add(step("prep|acme|SELECT item FROM vw_open WHERE tenant_id = ?|globex", "BLOCKED CROSS_TENANT"));
        // a view that hides it, and a view over that one: not verifiable, however restricted
        steps.add(step("prep|acme|SELECT item FROM vw_items WHERE id = ?|2", "BLOCKED NOT_VERIFIED"));
        steps.add(step("prep|acme|SELECT i.item FROM vw_items i JOIN vw_open o ON o.id = i.id WHERE o.tenant_id = ? AND i.id = 2|acme",
                "BLOCKED NOT_VERIFIED"));
        steps.add(step("prep|acme|SELECT id FROM vw_item_ids WHERE id = ?|2", "BLOCKED NOT_VERIFIED"));
        steps.add(step("prep|acme|UPDATE vw_items SET item = 'stolen' WHERE id = ?|2", "BLOCKED NOT_VERIFIED"));
        steps.add(step(ROWS, "OK [1:acme:anvil, 2:globex:"));
        // a view that reads no tenant table is not judged
        steps.add(step("prep|acme|SELECT one FROM vw_plain|", "OK [1]"));
        steps.addAll(extraSteps());
        return steps;
    }

    private static List<String[]> typed(TenantColumnType type, List<String[]> steps) {
        return steps.stream().map(s -> step(type.step(s[0]), type.text(s[1]))).toList();
    }

    static String[] step(String step, String outcome) {
        return new String[] {step, outcome};
    }
}
