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
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rows written through an updatable result set ({@code updateRow}, {@code insertRow}, {@code deleteRow}) are
 * judged the same on H2, PostgreSQL and MariaDB, by the row and not by the SQL each driver derives from it:
 * acme's own rows — updated, inserted, deleted, and updated through a result set without the tenant column
 * (the owner looked up by primary key) — are written in enforce; globex's row read in a privileged scope and
 * then updated (with and without the tenant column in the result set), deleted, a globex row inserted, and
 * acme's row moved to globex are refused in enforce with every row as it was (read from a plain connection
 * after each step; on a plain connection and through a HikariCP pool, whose proxy result set is the one
 * judged), and written and recorded once each in report. A row inserted through a result set without
 * the tenant column is not verified (it would get the column's default, here globex's). The same on a
 * {@code UUID} tenant column in both modes and on a {@code BIGINT} one in report mode (enforce on
 * {@code BIGINT}: {@link #aNumericTenantColumnIsJudgedTheSame}), the tenant bound and set as a {@code UUID}
 * object or a {@code long} ({@link TenantColumnType}).
 */
class UpdatableResultSetIT {
    static final String TABLE = "h1_ur_orders";
    static final String QUERY = "SELECT id, tenant_id, item FROM " + TABLE + " WHERE tenant_id = ? ORDER BY id";
    static final String NO_TENANT_COLUMN = "SELECT id, item FROM " + TABLE + " WHERE tenant_id = ? ORDER BY id";
    static final String ROWS = "admin|-|SELECT CONCAT(id, ':', tenant_id, ':', item) FROM " + TABLE + " ORDER BY id|";

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {2}, through a HikariCP pool: {3}, tenant column {4}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:h2:mem:upd;DB_CLOSE_DELAY=-1||enforce|false|TEXT",
        "jdbc:h2:mem:upd;DB_CLOSE_DELAY=-1||report|false|TEXT",
        "jdbc:h2:mem:upd;DB_CLOSE_DELAY=-1||enforce|true|TEXT",
        "jdbc:postgresql://127.0.0.1:5432/test|postgres|enforce|false|TEXT",
        "jdbc:postgresql://127.0.0.1:5432/test|postgres|report|false|TEXT",
        "jdbc:mariadb://127.0.0.1:3306/test|root|enforce|false|TEXT",
        "jdbc:mariadb://127.0.0.1:3306/test|root|report|false|TEXT",
        "jdbc:mariadb://127.0.0.1:3306/test|root|enforce|true|TEXT",
        "jdbc:h2:mem:upd;DB_CLOSE_DELAY=-1||enforce|false|UUID",
        "jdbc:h2:mem:upd;DB_CLOSE_DELAY=-1||report|false|UUID",
        "jdbc:h2:mem:upd;DB_CLOSE_DELAY=-1||report|false|BIGINT",
        "jdbc:postgresql://127.0.0.1:5432/test|postgres|enforce|false|UUID",
        "jdbc:postgresql://127.0.0.1:5432/test|postgres|report|false|UUID",
        "jdbc:postgresql://127.0.0.1:5432/test|postgres|report|false|BIGINT",
        "jdbc:mariadb://127.0.0.1:3306/test|root|enforce|false|UUID",
        "jdbc:mariadb://127.0.0.1:3306/test|root|report|false|UUID",
        "jdbc:mariadb://127.0.0.1:3306/test|root|report|false|BIGINT"})
    void rowsWrittenThroughAnUpdatableResultSetAreJudgedByTheRow(String url, String user, String mode, boolean pooled,
            TenantColumnType type) throws Exception {
        if (!url.startsWith("jdbc:h2")) {
            RealDatabase.require(url.contains("postgresql") ? "PostgreSQL" : "MariaDB", url.contains("postgresql") ? 5432 : 3306);
        }
        boolean enforce = mode.equals("enforce");
        List<String> steps = new ArrayList<>(List.of("admin|-|DROP TABLE IF EXISTS " + TABLE + "|",
                "admin|-|CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, tenant_id VARCHAR(64) DEFAULT 'globex' NOT NULL,"
                        + " item VARCHAR(100))|",
                "admin|-|INSERT INTO " + TABLE + " (id, tenant_id, item) VALUES (1, 'acme', 'anvil'), (2, 'globex', 'gizmo'),"
                        + " (3, 'acme', 'rocket')|"));
        // acme's own rows: written in both modes
        String[] own = {"updrow|acme|" + QUERY + "|acme", "insrow|acme|" + QUERY + "|acme", "delrow|acme|" + QUERY + "|acme",
            "updrow|acme|" + NO_TENANT_COLUMN + "|acme"};
        String[] ownRows = {"1:acme:changed, 2:globex:gizmo, 3:acme:rocket",
            "1:acme:changed, 2:globex:gizmo, 3:acme:rocket, 9:acme:inserted",
            "2:globex:gizmo, 3:acme:rocket, 9:acme:inserted",
            "2:globex:gizmo, 3:acme:changed, 9:acme:inserted"};
        // crossings: refused in enforce, written in report
        String[] crossing = {"updrowp|acme|" + QUERY + "|globex", "updrowp|acme|" + NO_TENANT_COLUMN + "|globex",
            "movrow|acme|" + QUERY + "|" + moved(type), "insrowp|acme|" + QUERY + "|globex", "delrowp|acme|" + QUERY + "|globex"};
        String[] reportRows = {"2:globex:changed, 3:acme:changed, 9:acme:inserted",
            "2:globex:changed, 3:acme:changed, 9:acme:inserted",
            "2:globex:changed, 3:globex:changed, 9:acme:inserted",
            "2:globex:changed, 3:globex:changed, 8:globex:inserted, 9:acme:inserted",
            "3:globex:changed, 8:globex:inserted, 9:acme:inserted"};
        for (String step : own) {
            steps.add(step);
            steps.add(ROWS);
        }
        for (String step : crossing) {
            steps.add(step);
            steps.add(ROWS);
        }
        // an insert through a result set without the tenant column: the row gets the column's default, globex
        String unknownTenant = "insrow|acme|" + NO_TENANT_COLUMN + "|acme";
        steps.add(unknownTenant);
        steps.add(ROWS);

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url,
                "mode: " + mode + "\njdbc:\n  column: tenant_id\n  tables: [" + TABLE + "]\n",
                List.of("-Dprobe.user=" + (user == null ? "" : user), "-Dprobe.hikari=" + pooled),
                steps.stream().map(type::step).toList());

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < 3; i++) {
            assertTrue(result.step(i).startsWith("OK"), steps.get(i) + ": " + result);
        }
        int step = 3;
        for (int i = 0; i < own.length; i++, step += 2) {
            assertEquals("OK []", result.step(step), own[i] + "\n" + result.stderr());
            assertEquals(type.text("OK [" + ownRows[i] + "]"), result.step(step + 1), "rows after " + own[i]);
        }
        String before = type.text("OK [" + ownRows[ownRows.length - 1] + "]");
        for (int i = 0; i < crossing.length; i++, step += 2) {
            if (enforce) {
                assertTrue(result.step(step).startsWith("BLOCKED CROSS_TENANT"), crossing[i] + ": " + result.step(step)
                        + "\n" + result.stderr());
                assertEquals(before, result.step(step + 1), "rows after the refused " + crossing[i]);
            } else {
                assertEquals("OK []", result.step(step), crossing[i] + "\n" + result.stderr());
                assertEquals(type.text("OK [" + reportRows[i] + "]"), result.step(step + 1), "rows after " + crossing[i]);
            }
        }
        String last = enforce ? before : type.text("OK [" + reportRows[reportRows.length - 1] + "]");
        if (enforce) {
            assertTrue(result.step(step).startsWith("BLOCKED NOT_VERIFIED") && result.step(step).contains("tenant_id"),
                    unknownTenant + ": " + result.step(step));
            assertEquals(last, result.step(step + 1), "rows after the refused " + unknownTenant);
        } else {
            assertEquals("OK []", result.step(step), unknownTenant);
            assertEquals(last.replace(", 8:", type.text(", 7:globex:inserted, 8:")), result.step(step + 1),
                    "rows after " + unknownTenant);
        }
        String jsonl = Files.readString(root.resolve("violations.jsonl"));
        assertEquals(1, jsonl.lines().filter(l -> l.contains("\"kind\":\"NOT_VERIFIED\"")).count(), jsonl);
        List<String> records = jsonl.lines().filter(l -> l.contains("\"family\":\"jdbc\"")
                && !l.contains("\"kind\":\"NOT_VERIFIED\"")).toList();
        assertEquals(5, records.size(), jsonl);
        assertTrue(records.stream().allMatch(l -> l.contains("\"kind\":\"CROSS_TENANT\"") && l.contains("\"count\":1")
                && l.contains(type.text("\"resourceTenant\":\"globex\"")) && l.contains("\"action\":\"" + (enforce ? "BLOCKED" : "REPORTED"))),
                jsonl);
        assertNotEquals(0, records.stream().filter(l -> l.contains("\"operation\":\"DELETE\"")).count(), jsonl);
    }

    /** acme's row moved to globex: the binds of {@code movrow}, each tenant as this column type binds it. */
    private static String moved(TenantColumnType type) {
        return type.step("-|-|-|acme").split("\\|")[3] + ">" + type.step("-|-|-|globex").split("\\|")[3];
    }

    /**
     * A {@code BIGINT} tenant column (tenants 7 and 8), in enforce: tenant 7's row updated and a row inserted
     * through the result set are written; tenant 8's row read in a privileged scope and updated, and 7's row
     * moved to 8, are refused with the rows as they were.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:h2:mem:updn;DB_CLOSE_DELAY=-1|",
        "jdbc:postgresql://127.0.0.1:5432/test|postgres",
        "jdbc:mariadb://127.0.0.1:3306/test|root"})
    void aNumericTenantColumnIsJudgedTheSame(String url, String user) throws Exception {
        if (!url.startsWith("jdbc:h2")) {
            RealDatabase.require(url.contains("postgresql") ? "PostgreSQL" : "MariaDB", url.contains("postgresql") ? 5432 : 3306);
        }
        String table = "h1_ur_numeric";
        String query = "SELECT id, tenant_id, item FROM " + table + " WHERE tenant_id = ? ORDER BY id";
        String rows = "admin|-|SELECT CONCAT(id, ':', tenant_id, ':', item) FROM " + table + " ORDER BY id|";
        List<String> steps = List.of("admin|-|DROP TABLE IF EXISTS " + table + "|",
                "admin|-|CREATE TABLE " + table + " (id INT PRIMARY KEY, tenant_id BIGINT NOT NULL, item VARCHAR(100))|",
                "admin|-|INSERT INTO " + table + " (id, tenant_id, item) VALUES (1, 7, 'anvil'), (2, 8, 'gizmo')|",
                "updrow|7|" + query + "|7", rows,
                "updrowp|7|" + query + "|8", rows,
                "movrow|7|" + query + "|7>8", rows,
                "insrow|7|" + query + "|7", rows);

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url,
                "mode: enforce\ntenant:\n  pattern: \"0|[1-9][0-9]{0,18}\"\njdbc:\n  column: tenant_id\n  tables: [" + table + "]\n",
                List.of("-Dprobe.user=" + (user == null ? "" : user)), steps);

        assertEquals(0, result.exitCode(), result.toString());
        String written = "OK [1:7:changed, 2:8:gizmo]";
        String[] expected = {"OK", "OK", "OK", "OK []", written, "BLOCKED CROSS_TENANT", written, "BLOCKED CROSS_TENANT",
            written, "OK []", "OK [1:7:changed, 2:8:gizmo, 9:7:inserted]"};
        for (int i = 0; i < expected.length; i++) {
            assertTrue(i == 4 || i == 6 || i == 8 || i == 10 ? result.step(i).equals(expected[i])
                    : result.step(i).startsWith(expected[i]), steps.get(i) + "\nexpected " + expected[i] + "\nbut was  "
                    + result.step(i) + "\n" + result.stderr());
        }
    }
}
