package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SQL a driver writes for an updatable result set ({@code updateRow}, {@code insertRow},
 * {@code deleteRow}) of acme's correctly scoped query, in enforce: what each driver shows the agent,
 * as docs/jdbc.md states it under "Routes not guarded". H2 and pgjdbc write by key through their own
 * guarded statements: pgjdbc binds the key through setters the agent reads, so the row's owner is
 * looked up and acme's own row is written; H2 binds internal values the agent does not read, so its
 * update and delete are refused as unscoped (a false alarm, nothing written), its insert as not
 * verified, each wrapped in H2's own {@code SQLException}; pgjdbc's insert is checked and passes;
 * MariaDB's writes are not seen at all. This test fails when any of that changes, so that the documentation is updated.
 */
class UpdatableResultSetIT {
    static final String QUERY = "|acme|SELECT id, tenant_id, item FROM ur_orders WHERE tenant_id = ?|acme";
    static final String ROWS = "admin|-|SELECT CONCAT(id, ':', tenant_id, ':', item) FROM ur_orders ORDER BY id|";

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:h2:mem:upd;DB_CLOSE_DELAY=-1||FAILED UNSCOPED_QUERY|FAILED NOT_VERIFIED|FAILED UNSCOPED_QUERY",
        "jdbc:postgresql://127.0.0.1:5432/test|postgres|OK|OK|OK",
        "jdbc:mariadb://127.0.0.1:3306/test|root|OK|OK|OK"})
    void whatTheDriverWritesForAnUpdatableResultSet(String url, String user, String update, String insert, String delete)
            throws Exception {
        if (!url.startsWith("jdbc:h2")) {
            RealDatabase.require(url.contains("postgresql") ? "PostgreSQL" : "MariaDB", url.contains("postgresql") ? 5432 : 3306);
        }
        List<String> steps = List.of("admin|-|DROP TABLE IF EXISTS ur_orders|",
                "admin|-|CREATE TABLE ur_orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, item VARCHAR(100))|",
                "admin|-|INSERT INTO ur_orders (id, tenant_id, item) VALUES (1, 'acme', 'anvil'), (2, 'globex', 'gizmo')|",
                "updrow" + QUERY, ROWS, "insrow" + QUERY, ROWS, "delrow" + QUERY, ROWS);

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url,
                "mode: enforce\njdbc:\n  column: tenant_id\n  tables: [ur_orders]\n",
                List.of("-Dprobe.user=" + (user == null ? "" : user)), steps);

        assertEquals(0, result.exitCode(), result.toString());
        String[] expected = {update, insert, delete};
        String rows = "1:acme:anvil, 2:globex:gizmo";
        for (int i = 0; i < 3; i++) {
            String outcome = result.step(3 + 2 * i);
            String[] words = expected[i].split(" ");
            assertTrue(outcome.startsWith(words[0]) && (words.length == 1 || outcome.contains(words[1])
                    || outcome.contains(words[1].equals("UNSCOPED_QUERY") ? "without restricting" : "could not be verified")),
                    steps.get(3 + 2 * i) + " expected " + expected[i] + " but was " + outcome);
            if (expected[i].equals("OK")) {
                rows = switch (i) {
                    case 0 -> rows.replace("anvil", "changed");
                    case 1 -> rows + ", 9:acme:inserted";
                    default -> rows.substring(rows.indexOf(", ") + 2); // the first row, acme's 1, deleted
                };
            }
            assertEquals("OK [" + rows + "]", result.step(4 + 2 * i), "rows after " + steps.get(3 + 2 * i));
        }
    }
}
