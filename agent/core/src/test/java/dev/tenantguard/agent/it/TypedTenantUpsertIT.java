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
 * The upserts of {@link UpsertContract} on a {@code BIGINT} and a {@code UUID} tenant column, the tenant
 * bound as a number ({@code setLong}) or a {@code UUID} object: on PostgreSQL {@code ON CONFLICT}, on
 * MariaDB {@code ON DUPLICATE KEY UPDATE} and {@code REPLACE}, on H2 the standard {@code MERGE}. The own tenant's guarded upsert leaves the
 * other tenant's conflicting row 2 as it is in both modes; an unguarded one, and a guard naming the other
 * tenant, are refused in enforce with row 2 read back unchanged, and run (row 2 changed) and are recorded
 * in report. MariaDB's {@code UUID} type is that of 10.7 and later. Table {@code h1tu_orders}: the servers
 * are shared.
 */
class TypedTenantUpsertIT {
    private static final String UUID_OWN = "6f1c0d2e-1b7a-4c55-9a0e-2f4b8c1d3e5a";
    private static final String UUID_OTHER = "0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final String INSERT = "INSERT INTO h1tu_orders (id, tenant_id, item) VALUES (?, ?, ?)";
    private static final String ROW2 = "admin|-|SELECT CONCAT(tenant_id, ':', item) FROM h1tu_orders WHERE id = 2|";

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "PostgreSQL, BIGINT, enforce", "PostgreSQL, BIGINT, report",
        "PostgreSQL, UUID, enforce", "PostgreSQL, UUID, report",
        "MariaDB, BIGINT, enforce", "MariaDB, BIGINT, report",
        "MariaDB, UUID, enforce", "MariaDB, UUID, report",
        "H2, BIGINT, enforce", "H2, BIGINT, report",
        "H2, UUID, enforce", "H2, UUID, report",
    })
    void anUpsertOnANumericOrUuidTenantColumnIsJudgedAsOnAText(String database, String type, String mode) throws Exception {
        boolean postgres = database.equals("PostgreSQL");
        boolean h2 = database.equals("H2");
        if (!h2) {
            RealDatabase.require(database, postgres ? 5432 : 3306);
        }
        boolean enforce = mode.equals("enforce");
        boolean uuid = type.equals("UUID");
        String own = uuid ? UUID_OWN : "2";
        String other = uuid ? UUID_OTHER : "3";
        String ownBind = uuid ? "ou:" + own : "l:" + own;
        String otherBind = uuid ? "ou:" + other : "l:" + other;
        String values = "|i:2," + ownBind + ",s:stolen";
        String merge = "MERGE INTO h1tu_orders o USING (SELECT CAST(? AS INT) AS id) s ON o.id = s.id";
        List<String[]> upserts = h2
                ? List.of(
                        new String[] {merge + " AND o.tenant_id = ? WHEN MATCHED THEN UPDATE SET item = 'stolen'|i:2,"
                                + ownBind, "OK"},
                        new String[] {merge + " AND o.tenant_id = ? WHEN MATCHED THEN UPDATE SET item = 'stolen'|i:2,"
                                + otherBind, "BLOCKED CROSS_TENANT"},
                        new String[] {merge + " WHEN MATCHED THEN UPDATE SET item = 'stolen'|i:2", "BLOCKED UNSCOPED_QUERY"})
                : postgres
                ? List.of(
                        new String[] {INSERT + " ON CONFLICT (id) DO UPDATE SET item = excluded.item"
                                + " WHERE h1tu_orders.tenant_id = ?" + values + "," + ownBind, "OK"},
                        new String[] {INSERT + " ON CONFLICT (id) DO UPDATE SET item = excluded.item"
                                + " WHERE h1tu_orders.tenant_id = ?" + values + "," + otherBind, "BLOCKED CROSS_TENANT"},
                        new String[] {INSERT + " ON CONFLICT (id) DO UPDATE SET item = excluded.item" + values,
                                "BLOCKED UNSCOPED_QUERY"})
                : List.of(
                        new String[] {INSERT + " ON DUPLICATE KEY UPDATE item = IF(tenant_id = ?, VALUES(item), item)"
                                + values + "," + ownBind, "OK"},
                        new String[] {INSERT + " ON DUPLICATE KEY UPDATE item = IF(tenant_id = ?, VALUES(item), item)"
                                + values + "," + otherBind, "BLOCKED CROSS_TENANT"},
                        new String[] {INSERT + " ON DUPLICATE KEY UPDATE item = VALUES(item)" + values, "BLOCKED UNSCOPED_QUERY"},
                        new String[] {"REPLACE INTO h1tu_orders (id, tenant_id, item) VALUES (?, ?, ?)" + values,
                                "BLOCKED UNSCOPED_QUERY"});
        List<String> steps = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String[] upsert : upserts) {
            boolean refused = upsert[1].startsWith("BLOCKED");
            steps.add("admin|-|DROP TABLE IF EXISTS h1tu_orders|");
            steps.add("admin|-|CREATE TABLE h1tu_orders (id INT PRIMARY KEY, tenant_id " + type + " NOT NULL,"
                    + " item VARCHAR(100))|");
            steps.add("admin|-|INSERT INTO h1tu_orders (id, tenant_id, item) VALUES (1, '" + own + "', 'anvil'), (2, '"
                    + other + "', 'gizmo')|");
            steps.add("prep|" + own + "|" + upsert[0]);
            steps.add(ROW2);
            expected.addAll(List.of("OK", "OK", "OK"));
            expected.add(enforce || !refused ? upsert[1] : "OK");
            // REPLACE deletes globex's row and inserts the own tenant's under its key
            expected.add(enforce || !refused ? "OK [" + other + ":gizmo]"
                    : upsert[0].startsWith("REPLACE") ? "OK [" + own + ":stolen]" : "OK [" + other + ":stolen]");
        }

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, h2 ? "jdbc:h2:mem:typed;DB_CLOSE_DELAY=-1"
                : postgres ? "jdbc:postgresql://127.0.0.1:5432/test" : "jdbc:mariadb://127.0.0.1:3306/test",
                "mode: " + mode + "\njdbc:\n  column: tenant_id\n  tables: [h1tu_orders]\n",
                List.of(h2 ? "-Dprobe.user=sa" : postgres ? "-Dprobe.user=postgres" : "-Dprobe.user=root"), steps);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < steps.size(); i++) {
            String outcome = result.step(i);
            assertTrue(outcome.startsWith(expected.get(i)), "step " + i + " " + steps.get(i) + "\nexpected "
                    + expected.get(i) + "\nbut was  " + outcome + "\n" + result.stderr());
        }
        List<String> lines = Files.readAllLines(root.resolve("violations.jsonl"));
        String action = enforce ? "\"action\":\"BLOCKED\"" : "\"action\":\"REPORTED\"";
        for (String kind : List.of("CROSS_TENANT", "UNSCOPED_QUERY")) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"" + kind + "\"") && l.contains(action)
                    && l.contains("\"resource\":\"h1tu_orders\"")), kind + ":\n" + String.join("\n", lines));
        }
    }
}
