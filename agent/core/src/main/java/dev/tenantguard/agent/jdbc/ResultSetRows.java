package dev.tenantguard.agent.jdbc;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.jdbc.sql.SqlAnalysis;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.GuardedResultSet;
import dev.tenantguard.internal.GuardedStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Judges the rows an updatable result set writes ({@code updateRow}, {@code insertRow}, {@code deleteRow})
 * the same on every driver, from the row itself rather than from the SQL the driver derives from it (each
 * driver spells that differently, binds its own internal values, or runs it where no statement hook sees it):
 * <ul>
 * <li>update, delete: the row's tenant column as the result set holds it (the row as read, before the
 *     values set on it); where the result set does not hold the column, the owner of the row its primary
 *     key names, looked up on the same connection;</li>
 * <li>update, insert: the tenant value set on the row ({@code updateString(tenantColumn, …)} …) must be
 *     the active tenant; an inserted row whose tenant column was not set is not verified.</li>
 * </ul>
 * Which table is written: the tenant tables of the statement that produced the result set, else the table
 * the result set's metadata names, judged by the same analyzer as statements (so views and {@code auto}).
 */
final class ResultSetRows {
    /** What the application set on the row being written: the tenant column and its value, once set. */
    static final class PendingRow {
        final int tenantIndex;
        final String tenantLabel;
        boolean set;
        Object value;

        PendingRow(int tenantIndex, String tenantLabel) {
            this.tenantIndex = tenantIndex;
            this.tenantLabel = tenantLabel;
        }
    }

    private final String column;
    private final Mode mode;
    private final BoundaryEnforcer enforcer;
    private final Function<Object, AnalysisCache> cacheOf;

    ResultSetRows(String column, Mode mode, BoundaryEnforcer enforcer, Function<Object, AnalysisCache> cacheOf) {
        this.column = column;
        this.mode = mode;
        this.enforcer = enforcer;
        this.cacheOf = cacheOf;
    }

    void value(Object resultSet, Object columnRef, Object value) throws SQLException {
        if (!(resultSet instanceof GuardedResultSet guarded) || !(resultSet instanceof ResultSet rs)) {
            return;
        }
        Object kept = guarded.tenantGuard$row();
        if (kept instanceof Throwable) {
            return; // a value of this row was not captured: the write is not verified, whatever is set next
        }
        PendingRow row = kept instanceof PendingRow known ? known : pending(rs);
        boolean tenantColumn = columnRef instanceof Integer index ? index == row.tenantIndex
                : columnRef instanceof String label && (label.equalsIgnoreCase(column)
                        || label.equalsIgnoreCase(row.tenantLabel));
        if (tenantColumn) {
            row.set = true;
            row.value = value == null ? BoundTenants.NULL : value;
        }
        guarded.tenantGuard$row(row);
    }

    void reset(Object resultSet) {
        if (resultSet instanceof GuardedResultSet guarded) {
            guarded.tenantGuard$row(null);
        }
    }

    void write(Object resultSet, String operation, String tenant) throws SQLException {
        ResultSet rs = (ResultSet) resultSet;
        Object kept = resultSet instanceof GuardedResultSet guarded ? guarded.tenantGuard$row() : null;
        if (kept instanceof Throwable failed) {
            notVerified(operation, "the row", tenant, "the value set on the row was not captured: the agent failed to"
                    + " read it (" + failed + ")");
            return;
        }
        PendingRow row = kept instanceof PendingRow known ? known : pending(rs);
        Statement statement = rs.getStatement();
        Connection connection = statement == null ? null : statement.getConnection();
        ResultSetMetaData metaData = rs.getMetaData();
        String table = table(statement, connection, metaData, row);
        if (table == null) {
            return; // not a tenant table
        }
        if (table.isEmpty()) {
            if (row.tenantIndex <= 0) {
                notVerified(operation, "the row", tenant, "the table the result set writes to is not known"
                        + " (neither from its statement nor from its metadata), nor does it hold " + column);
                return;
            }
            table = "the result set's table";
        }
        if (tenant == null) {
            enforcer.violation(mode, ViolationKind.NO_TENANT, JdbcChecker.FAMILY, operation, table, null, null,
                    "jdbc.column " + column + " (a row written through an updatable result set)", null);
            return;
        }
        if (!operation.equals("INSERT")) {
            judgeExisting(rs, connection, metaData, row, operation, table, tenant);
        }
        if (operation.equals("DELETE")) {
            return;
        }
        if (!row.set) {
            if (operation.equals("INSERT")) {
                notVerified(operation, table, tenant, row.tenantIndex > 0
                        ? "the tenant column " + column + " of the inserted row was not set through the result set"
                        : "the result set does not hold " + column + ": the tenant of the inserted row is not known");
            }
            return; // an update that leaves the tenant column as it is
        }
        String unknown = BoundTenants.unknown(row.value);
        if (unknown != null) {
            notVerified(operation, table, tenant, "the value set on " + column + " of the row " + unknown);
        } else if (row.value == BoundTenants.NULL) {
            enforcer.violation(mode, ViolationKind.UNSCOPED_QUERY, JdbcChecker.FAMILY, operation, table, null, tenant,
                    "the value set on " + column + " of the row is NULL, which is no tenant", null);
        } else if (!BoundTenants.matches(row.value, 0, tenant)) {
            cross(operation, table, String.valueOf(row.value), tenant, "the value set on the row's " + column);
        }
    }

    /** The row updated or deleted: its tenant as the result set read it, or the owner its primary key names. */
    private void judgeExisting(ResultSet rs, Connection connection, ResultSetMetaData metaData, PendingRow row,
            String operation, String table, String tenant) throws SQLException {
        if (row.tenantIndex > 0) {
            Object owner = rs.getObject(row.tenantIndex);
            if (!owns(owner, rs.getString(row.tenantIndex), tenant)) {
                cross(operation, table, owner == null ? "NULL" : String.valueOf(owner), tenant, "the row's " + column);
            }
            return;
        }
        String why = ownerByKey(rs, connection, metaData, table, tenant, operation);
        if (why != null) {
            notVerified(operation, table, tenant, "the result set does not hold " + column + ", and the owner of the row"
                    + " could not be looked up by its primary key: " + why);
        }
    }

    /**
     * Looks the row's owner up by the primary key values the result set holds; null when judged (allowed,
     * or the crossing raised), else why it could not be.
     */
    private String ownerByKey(ResultSet rs, Connection connection, ResultSetMetaData metaData, String table,
            String tenant, String operation) throws SQLException {
        if (connection == null) {
            return "the result set's connection is not known";
        }
        int tableColumn = firstColumnOf(metaData);
        String catalog = tableColumn > 0 ? emptyToNull(metaData.getCatalogName(tableColumn)) : null;
        String schema = tableColumn > 0 ? emptyToNull(metaData.getSchemaName(tableColumn)) : null;
        List<String> key = primaryKey(connection.getMetaData(), catalog, schema, table);
        if (key.isEmpty()) {
            return "no primary key of " + table + " was found in the database's metadata";
        }
        List<Object> values = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(column).append(" FROM ")
                .append(schema == null ? "" : schema + ".").append(table).append(" WHERE ");
        for (String part : key) {
            int index = indexOf(metaData, part);
            if (index <= 0) {
                return "the result set does not hold the key column " + part;
            }
            values.add(rs.getObject(index));
            sql.append(values.size() == 1 ? "" : " AND ").append(part).append(" = ?");
        }
        try (PreparedStatement lookup = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                lookup.setObject(i + 1, values.get(i));
            }
            try (ResultSet owners = lookup.executeQuery()) {
                if (owners.next() && !owns(owners.getObject(1), owners.getString(1), tenant)) {
                    Object owner = owners.getObject(1);
                    cross(operation, table, owner == null ? "NULL" : String.valueOf(owner), tenant,
                            "the owner of the row the result set's primary key names");
                }
            }
        } catch (SQLException e) {
            return "the lookup failed (" + e + ")";
        }
        return null;
    }

    /**
     * The tenant table the result set writes: null when it is none, empty when neither the statement nor
     * the metadata tells.
     */
    private String table(Statement statement, Connection connection, ResultSetMetaData metaData, PendingRow row)
            throws SQLException {
        if (statement instanceof GuardedStatement guarded && guarded.tenantGuard$analysis() instanceof CheckedSql checked
                && !checked.analysis().tenantTables().isEmpty()) {
            return checked.analysis().tenantTables().iterator().next();
        }
        int tableColumn = row.tenantIndex > 0 ? row.tenantIndex : firstColumnOf(metaData);
        String name = tableColumn > 0 ? metaData.getTableName(tableColumn) : null;
        if (name == null || name.isEmpty()) {
            return "";
        }
        SqlAnalysis analysis = cacheOf.apply(connection).get("SELECT * FROM " + name).analysis();
        if (!analysis.tenantTables().isEmpty()) {
            return analysis.tenantTables().iterator().next();
        }
        return analysis.problems().isEmpty() ? null : ""; // a view that hides the column: not known
    }

    private PendingRow pending(ResultSet rs) throws SQLException {
        ResultSetMetaData metaData = rs.getMetaData();
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            if (column.equalsIgnoreCase(metaData.getColumnName(i))) {
                return new PendingRow(i, metaData.getColumnLabel(i));
            }
        }
        return new PendingRow(-1, null);
    }

    private static int firstColumnOf(ResultSetMetaData metaData) throws SQLException {
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            String table = metaData.getTableName(i);
            if (table != null && !table.isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(ResultSetMetaData metaData, String name) throws SQLException {
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            if (name.equalsIgnoreCase(metaData.getColumnName(i))) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> primaryKey(DatabaseMetaData metaData, String catalog, String schema, String table)
            throws SQLException {
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
            List<String> key = new ArrayList<>();
            try (ResultSet rows = metaData.getPrimaryKeys(catalog, schema, name)) {
                while (rows.next()) {
                    key.add(rows.getString("COLUMN_NAME"));
                }
            }
            if (!key.isEmpty()) {
                return key;
            }
        }
        return List.of();
    }

    private static boolean owns(Object owner, String text, String tenant) {
        if (owner == null) {
            return false; // a row of no tenant is not the tenant's
        }
        if (owner instanceof String || owner instanceof UUID || owner instanceof Number) {
            return BoundTenants.unknown(owner) == null && BoundTenants.matches(owner, 0, tenant);
        }
        return tenant.equals(text);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private void cross(String operation, String table, String owner, String tenant, String what) {
        enforcer.violation(mode, ViolationKind.CROSS_TENANT, JdbcChecker.FAMILY, operation, table, owner, tenant,
                "jdbc.column " + column + " (" + what + ", written through an updatable result set)", null);
    }

    private void notVerified(String operation, String table, String tenant, String why) {
        enforcer.violation(mode, ViolationKind.NOT_VERIFIED, JdbcChecker.FAMILY, operation, table, null, tenant,
                why + " (a row written through an updatable result set)", null);
    }
}
