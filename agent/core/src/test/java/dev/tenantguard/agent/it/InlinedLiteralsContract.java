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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statements with their values written into the text, under the real agent: texts that differ only
 * in their literals share one analysis of their shape, and each text's own literals are still
 * compared. Every attack runs after the same shape was seen with acme's own values, so a shape cached
 * for acme would let it through if the values were not compared per text: another tenant's literal,
 * one value of an {@code IN} list, a literal beside a bound tenant, a literal where the shape was
 * first seen with a {@code ?}. In enforce the refused statements change nothing (the rows and their
 * items are read back at the end); in report they run and are recorded. Tables prefixed {@code il_}.
 */
abstract class InlinedLiteralsContract {
    static final String POLICY = "jdbc:\n  column: tenant_id\n  tables: [il_orders]\n";

    @TempDir
    Path root;

    abstract String url();

    List<String> jvmOptions() {
        return List.of();
    }

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(strings = {"enforce", "report"})
    void eachTextsLiteralsAreComparedThoughItsShapeIsShared(String mode) throws Exception {
        boolean enforce = mode.equals("enforce");
        String blockedCross = enforce ? "BLOCKED CROSS_TENANT" : "OK";
        List<String> steps = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        add(steps, expected, "admin|-|DROP TABLE IF EXISTS il_orders|", "OK");
        add(steps, expected, "admin|-|CREATE TABLE il_orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL,"
                + " item VARCHAR(100))|", "OK");
        add(steps, expected, "admin|-|INSERT INTO il_orders (id, tenant_id, item) VALUES (1, 'acme', 'a1'), (2, 'acme', 'a2'),"
                + " (3, 'globex', 'g3'), (4, 'globex', 'g4'), (5, 'globex', 'g5')|", "OK");

        // own literals pass, whatever the values: one shape
        add(steps, expected, "stmt|acme|SELECT item FROM il_orders WHERE tenant_id = 'acme' AND id = 1", "OK [a1]");
        add(steps, expected, "stmt|acme|SELECT item FROM il_orders WHERE tenant_id = 'acme' AND id = 2", "OK [a2]");
        add(steps, expected, "stmt|acme|SELECT item FROM il_orders WHERE tenant_id IN ('acme') AND id IN (1, 2, 3, 4)"
                + " ORDER BY id", "OK [a1, a2]");
        add(steps, expected, "stmt|acme|UPDATE il_orders SET item = 'a1x' WHERE tenant_id = 'acme' AND id = 1", "OK");

        // the same shapes with another tenant's literal
        add(steps, expected, "stmt|acme|SELECT item FROM il_orders WHERE tenant_id = 'globex' AND id = 3",
                enforce ? "BLOCKED CROSS_TENANT" : "OK [g3]");
        add(steps, expected, "stmt|acme|UPDATE il_orders SET item = 'stolen' WHERE tenant_id = 'globex' AND id = 3",
                blockedCross);
        // one value of an IN list, longer than the list the shape was seen with
        add(steps, expected, "stmt|acme|SELECT item FROM il_orders WHERE tenant_id IN ('acme', 'globex') AND id IN (1, 4)"
                + " ORDER BY id", enforce ? "BLOCKED CROSS_TENANT" : "OK [a1x, g4]");
        add(steps, expected, "stmt|acme|DELETE FROM il_orders WHERE tenant_id IN ('acme') AND id IN (99)", "OK");
        add(steps, expected, "stmt|acme|DELETE FROM il_orders WHERE tenant_id IN ('acme', 'acme', 'globex') AND id IN (4, 5)",
                blockedCross);

        // a literal and a bound tenant in one statement: each is checked
        add(steps, expected, "prep|acme|UPDATE il_orders SET item = 'a2x' WHERE tenant_id = ? AND id = 2|acme", "OK");
        add(steps, expected, "prep|acme|UPDATE il_orders SET item = 'stolen' WHERE tenant_id = ? AND id = 5|globex",
                blockedCross);
        add(steps, expected, "prep|acme|UPDATE il_orders SET item = ? WHERE tenant_id = 'acme' AND id = 2|a2y", "OK");
        add(steps, expected, "prep|acme|UPDATE il_orders SET item = ? WHERE tenant_id = 'globex' AND id = 5|stolen",
                blockedCross);
        // a shape first seen with the tenant bound, then with another tenant's literal in its place
        add(steps, expected, "prep|acme|DELETE FROM il_orders WHERE tenant_id = ? AND id = 98|acme", "OK");
        add(steps, expected, "stmt|acme|DELETE FROM il_orders WHERE tenant_id = 'globex' AND id = 3", blockedCross);

        add(steps, expected, "admin|-|SELECT CONCAT(id, ':', tenant_id, ':', item) FROM il_orders ORDER BY id|",
                enforce ? "OK [1:acme:a1x, 2:acme:a2y, 3:globex:g3, 4:globex:g4, 5:globex:g5]" : "OK [1:acme:a1x, 2:acme:a2y]");

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url(), "mode: " + mode + "\n" + POLICY, jvmOptions(),
                steps);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < steps.size(); i++) {
            String outcome = result.step(i);
            assertTrue(outcome.startsWith(expected.get(i)), "step " + i + " " + steps.get(i) + "\nexpected "
                    + expected.get(i) + "\nbut was  " + outcome + "\n" + result.stderr());
            if (!enforce) {
                assertFalse(outcome.startsWith("BLOCKED"), "report mode lets every call through: step " + i + " " + outcome);
            }
        }
        if (enforce) {
            assertTrue(result.step(steps.indexOf("stmt|acme|SELECT item FROM il_orders WHERE tenant_id = 'globex' AND id = 3"))
                    .contains("globex"), "the refusal names the other tenant: " + result.stdout());
            return;
        }
        String jsonl = Files.readString(root.resolve("violations.jsonl"));
        for (String operation : List.of("SELECT", "UPDATE", "DELETE")) {
            assertTrue(jsonl.contains("\"kind\":\"CROSS_TENANT\",\"family\":\"jdbc\",\"operation\":\"" + operation + "\""),
                    operation + ": " + jsonl);
        }
        assertTrue(jsonl.contains("\"resourceTenant\":\"globex\""), jsonl);
        assertFalse(jsonl.contains("\"resourceTenant\":\"acme\""), "acme's own literals are no crossing: " + jsonl);
    }

    /**
     * In report mode a crossing repeated at one call site with other inlined values is one violation,
     * counted: its repeats are told apart by the statement's shape, not by its text. Another statement
     * at the same call site stays a violation of its own.
     */
    @org.junit.jupiter.api.Test
    void reportModeCountsACrossingWithOtherInlinedValuesAsOneViolation() throws Exception {
        List<String> steps = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        add(steps, expected, "admin|-|DROP TABLE IF EXISTS il_orders|", "OK");
        add(steps, expected, "admin|-|CREATE TABLE il_orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL,"
                + " item VARCHAR(100))|", "OK");
        add(steps, expected, "admin|-|INSERT INTO il_orders (id, tenant_id, item) VALUES (1, 'acme', 'a1'),"
                + " (3, 'globex', 'g3'), (4, 'globex', 'g4'), (5, 'initech', 'i5')|", "OK");
        add(steps, expected, "stmt|acme|SELECT item FROM il_orders WHERE tenant_id = 'globex' AND id = 3", "OK [g3]");
        add(steps, expected, "stmt|acme|SELECT item FROM il_orders WHERE tenant_id = 'globex' AND id = 4", "OK [g4]");
        add(steps, expected, "stmt|acme|SELECT item FROM il_orders WHERE tenant_id = 'initech' AND id = 5", "OK [i5]");
        add(steps, expected, "stmt|acme|SELECT id FROM il_orders WHERE tenant_id = 'globex' AND id = 3", "OK [3]");

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url(), "mode: report\n" + POLICY, jvmOptions(), steps);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < steps.size(); i++) {
            assertTrue(result.step(i).startsWith(expected.get(i)), "step " + i + ": " + result.step(i) + "\n" + result.stderr());
        }
        List<String> lines = Files.readAllLines(root.resolve("violations.jsonl"));
        List<String> items = lines.stream().filter(l -> l.contains("\"sql\":\"SELECT item FROM il_orders")).toList();
        List<String> ids = lines.stream().filter(l -> l.contains("\"sql\":\"SELECT id FROM il_orders")).toList();
        assertEquals(2, items.size(), "written when first seen and with its final count at exit: " + lines);
        assertTrue(items.get(0).endsWith("\"count\":1}") && items.get(0).contains("AND id = 3"), items.get(0));
        assertTrue(items.get(1).endsWith("\"count\":3}"), "three occurrences, one violation: " + items.get(1));
        assertEquals(1, ids.size(), "another statement at the same call site is another violation: " + lines);
        assertTrue(ids.get(0).endsWith("\"count\":1}"), ids.get(0));
    }

    private static void add(List<String> steps, List<String> expected, String step, String outcome) {
        steps.add(step);
        expected.add(outcome);
    }
}
