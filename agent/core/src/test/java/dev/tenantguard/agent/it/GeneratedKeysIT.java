package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Statements prepared to return their generated keys ({@code RETURN_GENERATED_KEYS}, or key column
 * names), under the real agent on H2, PostgreSQL and MariaDB. What the driver adds to read the keys
 * (pgjdbc appends {@code RETURNING}) returns the rows the statement itself wrote, so the statement is
 * judged as written: acme's insert and scoped update run and return their keys in both modes; an insert
 * of globex's row and an update of globex's row by key are refused in enforce, the table read back
 * unchanged, and run and recorded in report. Table {@code h1gk_orders}: the servers are shared.
 */
class GeneratedKeysIT {
    private static final String POLICY = "jdbc:\n  column: tenant_id\n  tables: [h1gk_orders]\n";
    private static final String INSERT = "INSERT INTO h1gk_orders (tenant_id, item) VALUES (?, ?)";
    private static final String ROWS = "admin|-|SELECT CONCAT(id, ':', tenant_id, ':', item) FROM h1gk_orders ORDER BY id|";

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource({
        "H2, jdbc:h2:mem:keys;DB_CLOSE_DELAY=-1, enforce, INT AUTO_INCREMENT, -Dprobe.user=sa, 0",
        "H2, jdbc:h2:mem:keys;DB_CLOSE_DELAY=-1, report, INT AUTO_INCREMENT, -Dprobe.user=sa, 0",
        "PostgreSQL, jdbc:postgresql://127.0.0.1:5432/test, enforce, SERIAL, -Dprobe.user=postgres, 5432",
        "PostgreSQL, jdbc:postgresql://127.0.0.1:5432/test, report, SERIAL, -Dprobe.user=postgres, 5432",
        "MariaDB, jdbc:mariadb://127.0.0.1:3306/test, enforce, INT AUTO_INCREMENT, -Dprobe.user=root, 3306",
        "MariaDB, jdbc:mariadb://127.0.0.1:3306/test, report, INT AUTO_INCREMENT, -Dprobe.user=root, 3306",
    })
    void generatedKeysOfTheTenantsOwnWritesAreReturnedAndAnotherTenantsWriteIsRefused(String database, String url,
            String mode, String keyType, String user, int port) throws Exception {
        if (port != 0) {
            RealDatabase.require(database, port);
        }
        boolean enforce = mode.equals("enforce");
        List<String> steps = List.of(
                "admin|-|DROP TABLE IF EXISTS h1gk_orders|",
                "admin|-|CREATE TABLE h1gk_orders (id " + keyType + " PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL,"
                        + " item VARCHAR(100))|",
                "admin|-|INSERT INTO h1gk_orders (tenant_id, item) VALUES ('globex', 'gizmo')|",
                "keys|acme|" + INSERT + "|acme,anvil",
                "keys|acme|" + INSERT + "|globex,stolen",
                "keycols|acme|UPDATE h1gk_orders SET item = 'changed' WHERE id = ?|1",
                "keys|acme|UPDATE h1gk_orders SET item = 'changed' WHERE tenant_id = ? AND id = ?|acme,2",
                ROWS);
        List<String> expected = List.of("OK", "OK", "OK",
                "OK [2]",
                enforce ? "BLOCKED CROSS_TENANT" : "OK [3]",
                enforce ? "BLOCKED CROSS_TENANT" : "OK",
                "OK",
                enforce ? "OK [1:globex:gizmo, 2:acme:changed]" : "OK [1:globex:changed, 2:acme:changed, 3:globex:stolen]");

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url, "mode: " + mode + "\n" + POLICY, List.of(user),
                steps);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < steps.size(); i++) {
            String outcome = result.step(i);
            assertTrue(outcome.startsWith(expected.get(i)), "step " + i + " " + steps.get(i) + "\nexpected "
                    + expected.get(i) + "\nbut was  " + outcome + "\n" + result.stderr());
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(root.resolve("violations.jsonl")));
        String action = enforce ? "\"action\":\"BLOCKED\"" : "\"action\":\"REPORTED\"";
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"CROSS_TENANT\"") && l.contains(action)
                && l.contains("\"operation\":\"INSERT\"")), "the insert of globex's row:\n" + String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"CROSS_TENANT\"") && l.contains(action)
                && l.contains("\"operation\":\"UPDATE\"")), "the update of globex's row:\n" + String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.contains("WHERE tenant_id = ? AND id = ?")),
                "acme's scoped update is no violation:\n" + String.join("\n", lines));
    }
}
