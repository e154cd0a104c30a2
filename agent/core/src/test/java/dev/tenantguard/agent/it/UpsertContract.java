package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upserts of each dialect under the real agent. An upsert whose conflicting row may be another
 * tenant's is refused unless what it does to that row is restricted to the active tenant; acme's
 * row 1 and globex's row 2 are read back after every run: in enforce globex's row is untouched, in
 * report the crossing ran (and was recorded). Table {@code up_orders}: the servers are shared.
 */
abstract class UpsertContract {
    static final String POLICY = "jdbc:\n  column: tenant_id\n  tables: [up_orders]\n";
    static final String ROWS = "admin|-|SELECT CONCAT(id, ':', tenant_id, ':', item) FROM up_orders ORDER BY id|";
    static final String UNTOUCHED = "OK [1:acme:anvil, 2:globex:gizmo]";

    @TempDir
    Path root;

    abstract String url();

    List<String> jvmOptions() {
        return List.of();
    }

    /**
     * This dialect's upserts as {@code {step, outcome in enforce}}: each allowed one leaves globex's
     * row 2 as it is; each refused one would change it.
     */
    abstract List<String[]> upserts();

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(strings = {"enforce", "report"})
    void anUpsertThatMayTouchAnotherTenantsRowIsRefusedUnlessRestricted(String mode) throws Exception {
        boolean enforce = mode.equals("enforce");
        List<String> steps = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        List<Integer> refused = new ArrayList<>();
        List<String> refusedKinds = new ArrayList<>();
        for (String[] upsert : upserts()) {
            steps.add("admin|-|DROP TABLE IF EXISTS up_orders|");
            steps.add("admin|-|CREATE TABLE up_orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, item VARCHAR(100))|");
            steps.add("admin|-|INSERT INTO up_orders (id, tenant_id, item) VALUES (1, 'acme', 'anvil'), (2, 'globex', 'gizmo')|");
            expected.add("OK");
            expected.add("OK");
            expected.add("OK");
            steps.add(upsert[0]);
            boolean blocks = upsert[1].startsWith("BLOCKED");
            expected.add(enforce || !blocks ? upsert[1] : "OK");
            if (blocks) {
                refused.add(steps.size() - 1);
                refusedKinds.add(upsert[1].split(" ")[1]);
            }
            steps.add(ROWS);
            expected.add("OK [1:acme:");
        }

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url(), "mode: " + mode + "\n" + POLICY, jvmOptions(),
                steps);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < steps.size(); i++) {
            String outcome = result.step(i);
            assertTrue(outcome.startsWith(expected.get(i)), "step " + i + " " + steps.get(i) + "\nexpected "
                    + expected.get(i) + "\nbut was  " + outcome + "\n" + result.stderr());
            if (steps.get(i).equals(ROWS)) {
                String globexRow = outcome.substring(outcome.indexOf(", ") + 2);
                boolean crossingRan = !enforce && refused.contains(i - 1);
                if (crossingRan) {
                    assertNotEquals("2:globex:gizmo]", globexRow, "report lets the crossing run: " + steps.get(i - 1));
                } else {
                    assertEquals("2:globex:gizmo]", globexRow, "globex's row after " + steps.get(i - 1));
                }
            }
        }
        if (!enforce) {
            String jsonl = Files.readString(root.resolve("violations.jsonl"));
            for (int r = 0; r < refused.size(); r++) {
                String step = steps.get(refused.get(r));
                String sql = step.split("\\|")[2];
                assertTrue(jsonl.contains("\"kind\":\"" + refusedKinds.get(r) + "\"") && jsonl.contains(sql),
                        step + ": " + jsonl);
            }
        }
    }

    static String[] step(String step, String outcome) {
        return new String[] {step, outcome};
    }
}
