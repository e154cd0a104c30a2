package dev.tenantguard.bench;

import static dev.tenantguard.bench.BenchFixture.TENANT;
import static dev.tenantguard.bench.BenchFixture.TENANT_TABLE;

import dev.tenantguard.api.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The shared tenant table of the JDBC benchmarks ({@code tg_bench_orders}: acme owns ids 1..50,
 * globex 51..100), the select by key they measure, and the checks that prove each arm guards or
 * traces that select. Works on H2 and PostgreSQL alike.
 */
final class TenantOrders {
    /** One constant text: the agent's analysis cache hits it after the first op, as in an application. */
    static final String SELECT_BY_KEY = "SELECT item FROM " + TENANT_TABLE + " WHERE tenant_id = ? AND id = ?";
    static final String OTHER_TENANT = "globex";
    static final int ROWS_PER_TENANT = 50;

    private TenantOrders() {
    }

    /**
     * (Re)creates the rows. Writing both tenants' rows crosses the boundary: done in a privileged
     * scope, which the agent allows and audits.
     */
    static void create(Connection connection) throws Exception {
        TenantContext.privileged("benchmark setup", () -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + TENANT_TABLE
                        + "(id INT PRIMARY KEY, tenant_id VARCHAR(64), item VARCHAR(100))");
                statement.execute("DELETE FROM " + TENANT_TABLE);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TENANT_TABLE + " VALUES (?, ?, ?)")) {
                for (int id = 1; id <= 2 * ROWS_PER_TENANT; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, id <= ROWS_PER_TENANT ? TENANT : OTHER_TENANT);
                    insert.setString(3, "item " + id);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * The tenant whose rows the measured selects read: acme's own (allow path), or in the report
     * arm globex's, bound by acme (the deny path: a recorded, deduplicated crossing).
     */
    static String measuredTenant() {
        return ArmCheck.denyPath() ? OTHER_TENANT : TENANT;
    }

    /** The first key of the measured tenant's rows: the select must return a row. */
    static int firstKey() {
        return ArmCheck.denyPath() ? ROWS_PER_TENANT + 1 : 1;
    }

    /** With acme current: an unscoped select and a select bound to globex are crossings. */
    static void checkGuarded(Connection connection) throws Exception {
        ArmCheck.crossing("an unscoped select", TENANT_TABLE, false, () -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT item FROM " + TENANT_TABLE)) {
                return rows.next();
            }
        });
        ArmCheck.crossing("a select bound to another tenant", OTHER_TENANT, false, () -> {
            try (PreparedStatement statement = connection.prepareStatement(SELECT_BY_KEY)) {
                return select(statement, OTHER_TENANT, ROWS_PER_TENANT + 1);
            }
        });
        try (PreparedStatement statement = connection.prepareStatement(SELECT_BY_KEY)) {
            if (!("item " + ROWS_PER_TENANT).equals(select(statement, TENANT, ROWS_PER_TENANT))) {
                throw new IllegalStateException("the select does not return acme's row");
            }
        }
    }

    /** The select by key with tenant and id inlined, made a new text by a condition that is always true. */
    static String inlinedSelect(String tenant, int id, long textNumber) {
        return "SELECT item FROM " + TENANT_TABLE + " WHERE tenant_id = '" + tenant + "' AND id = " + id
                + " AND item <> 'none " + textNumber + "'";
    }

    static String select(PreparedStatement statement, String tenant, int id) throws SQLException {
        statement.setString(1, tenant);
        statement.setInt(2, id);
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1); // throws without a row: a benchmark of an empty result would be wrong
        }
    }

    /**
     * Cycles over the measured tenant's keys: H2 hands back its last result when a query's
     * parameters repeat.
     */
    static int nextKey(int key) {
        int first = firstKey();
        return key < first || key >= first + ROWS_PER_TENANT - 1 ? first : key + 1;
    }
}
