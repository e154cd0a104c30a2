package com.example.probe;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in data layer for the JDBC integration tests: runs the steps given as arguments on one
 * connection and prints what happened to each, as the application would see it.
 *
 * <p>With {@code -Dprobe.hikari=true} each step borrows its connection from a HikariCP pool of one.
 *
 * <p>Arguments: the JDBC URL, then steps {@code how|tenant|sql|binds}. {@code how}: {@code stmt}
 * ({@code Statement.execute}), {@code prep} (prepared; binds that are digits go as ints, others as strings), {@code batch} (one
 * {@code addBatch} per bind group, groups separated by {@code ;}), {@code reuse} (one prepared
 * statement executed once per bind group), {@code schema} ({@code Connection.setSchema(sql)}),
 * {@code admin} (a prepared statement inside {@code TenantContext.privileged}), {@code call} ({@code prepareCall}),
 * {@code callnamed} ({@code prepareCall}, binds {@code name=value,…} by name with {@code setString(name, value)}),
 * {@code updrow}/{@code insrow}/{@code delrow} (an updatable result set of the query, columns id, tenant, item:
 * its first row updated or deleted, or a row 9 inserted for the bound tenant; {@code updrowp}/{@code insrowp}/
 * {@code delrowp} the same with the query run in a privileged scope; {@code movrow} binds {@code acme>globex}: the
 * first row of acme's query updated with its tenant column set to globex), {@code clear} (two bind groups on
 * one statement, {@code clearParameters} between them), {@code tx} (statements separated by {@code ;;}, one bind
 * group each, in one transaction). A bind {@code setter:value} uses that setter ({@code s}
 * setString, {@code i} setInt, {@code l} setLong, {@code ou} setObject(UUID), {@code cs} setCharacterStream …,
 * see {@link #typed}); {@code -} leaves the parameter unbound. Tenant {@code -} for
 * none. Output: {@code STEP i OK [first column of each row]}, {@code STEP i BLOCKED kind message}
 * or {@code STEP i FAILED exception}.
 */
public final class JdbcRoutesApp {
    private JdbcRoutesApp() {
    }

    public static void main(String[] args) throws SQLException {
        String user = System.getProperty("probe.user", "");
        if (Boolean.getBoolean("probe.hikari")) {
            // a pool of one: every step borrows the same physical connection, as the next request would
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(args[0]);
            config.setUsername(user);
            config.setMaximumPoolSize(1);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                for (int i = 1; i < args.length; i++) {
                    try (Connection connection = pool.getConnection()) {
                        System.out.println("STEP " + (i - 1) + " " + run(connection, args[i].split("\\|", -1)));
                    }
                }
            }
            return;
        }
        try (Connection connection = DriverManager.getConnection(args[0], user, System.getProperty("probe.password", ""))) {
            for (int i = 1; i < args.length; i++) {
                System.out.println("STEP " + (i - 1) + " " + run(connection, args[i].split("\\|", -1)));
            }
        }
    }

    private static String run(Connection connection, String[] step) {
        String how = step[0];
        String tenant = step[1];
        String sql = step[2];
        String binds = step.length > 3 ? step[3] : "";
        try {
            List<String> rows = tenant.equals("-")
                    ? execute(connection, how, sql, binds)
                    : TenantContext.call(tenant, () -> execute(connection, how, sql, binds));
            return "OK " + rows;
        } catch (TenantBoundaryViolation v) {
            return "BLOCKED " + v.kind() + " " + v.getMessage();
        } catch (Exception e) {
            return "FAILED " + e;
        }
    }

    private static List<String> execute(Connection connection, String how, String sql, String binds) throws Exception {
        switch (how) {
            case "stmt":
                try (Statement statement = connection.createStatement()) {
                    return statement.execute(sql) ? rows(statement.getResultSet()) : List.of();
                }
            case "prep":
                return prepared(connection, sql, binds);
            case "admin":
                return TenantContext.privileged("integration test: admin report", () -> prepared(connection, sql, binds));
            case "batch":
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (String group : binds.split(";")) {
                        bind(statement, group);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                    return List.of();
                }
            case "reuse":
                List<String> all = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (String group : binds.split(";")) {
                        bind(statement, group);
                        all.addAll(statement.execute() ? rows(statement.getResultSet()) : List.of());
                    }
                }
                return all;
            case "clear":
                // the first group bound and executed, the parameters cleared, the second group bound and executed
                List<String> both = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    String[] groups = binds.split(";");
                    bind(statement, groups[0]);
                    both.addAll(statement.execute() ? rows(statement.getResultSet()) : List.of());
                    statement.clearParameters();
                    bind(statement, groups[1]);
                    both.addAll(statement.execute() ? rows(statement.getResultSet()) : List.of());
                }
                return both;
            case "call":
                try (java.sql.CallableStatement statement = connection.prepareCall(sql)) {
                    bind(statement, binds);
                    return statement.execute() ? rows(statement.getResultSet()) : List.of();
                }
            case "callnamed":
                // binds by parameter name: name=value pairs, each with setString(name, value)
                try (java.sql.CallableStatement statement = connection.prepareCall(sql)) {
                    for (String pair : binds.split(",")) {
                        String[] nameValue = pair.split("=", 2);
                        statement.setString(nameValue[0], nameValue[1]);
                    }
                    return statement.execute() ? rows(statement.getResultSet()) : List.of();
                }
            case "keys":
            case "keycols":
                // the driver asked for the generated keys (pgjdbc appends RETURNING to the SQL it sends)
                try (PreparedStatement statement = how.equals("keys")
                        ? connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                        : connection.prepareStatement(sql, new String[] {"id"})) {
                    bind(statement, binds);
                    statement.executeUpdate();
                    return rows(statement.getGeneratedKeys());
                }
            case "updrow":
            case "insrow":
            case "delrow":
                return rowWrite(connection, how, sql, binds, "");
            case "updrowp":
            case "insrowp":
            case "delrowp":
                // the query run in a privileged scope (an admin read), the row written in the tenant's
                return rowWrite(connection, how.substring(0, 6), sql, binds, "privileged");
            case "movrow":
                // the first row's tenant column set to the tenant after '>' in the binds: acme>globex
                return rowWrite(connection, "updrow", sql, binds.substring(0, binds.indexOf('>')),
                        "tenant:" + binds.substring(binds.indexOf('>') + 1));
            case "schema":
                connection.setSchema(sql);
                return List.of();
            case "migration":
                // run from a class of Flyway's package, as a Flyway migration is
                org.flywaydb.fixture.Migration.run(connection, sql);
                return List.of();
            case "tx":
                return transaction(connection, sql, binds);
            default:
                throw new IllegalArgumentException("unknown step kind " + how);
        }
    }

    /**
     * An updatable result set of the query (columns id, tenant_id, item, or id, item): its first row changed
     * or deleted, or a row inserted (id 9, 8 after a privileged query, 7 when the result set lacks tenant_id; the
     * bound tenant; item 'inserted'); {@code how} updrow, insrow, delrow. {@code options}: "privileged"
     * runs the query in a privileged scope, "tenant:x" also sets the tenant column of the row to x.
     */
    private static List<String> rowWrite(Connection connection, String how, String sql, String binds, String options)
            throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_UPDATABLE)) {
            bind(statement, binds);
            ResultSet result = options.equals("privileged")
                    ? TenantContext.privileged("integration test: admin read", (java.util.concurrent.Callable<ResultSet>) statement::executeQuery)
                    : statement.executeQuery();
            try (result) {
                if (how.equals("insrow")) {
                    boolean tenantColumn = result.getMetaData().getColumnCount() == 3;
                    result.moveToInsertRow();
                    result.updateInt("id", !tenantColumn ? 7 : options.equals("privileged") ? 8 : 9);
                    if (tenantColumn) {
                        setTenant(result, binds);
                    }
                    result.updateString("item", "inserted");
                    result.insertRow();
                } else if (result.next()) {
                    if (how.equals("updrow")) {
                        result.updateString("item", "changed"); // by label: the result set may lack tenant_id
                        if (options.startsWith("tenant:")) {
                            setTenant(result, options.substring("tenant:".length()));
                        }
                        result.updateRow();
                    } else {
                        result.deleteRow();
                    }
                }
            }
            return List.of();
        }
    }

    /**
     * The row's tenant column (column 2) set as an application would: digits (or {@code l:digits}) with
     * {@code updateLong} by label, {@code ou:uuid} with {@code updateObject} of a {@code UUID} by label, else
     * {@code updateString} by index.
     */
    private static void setTenant(ResultSet result, String tenant) throws SQLException {
        if (tenant.startsWith("ou:")) {
            result.updateObject("tenant_id", UUID.fromString(tenant.substring("ou:".length())));
        } else if (tenant.startsWith("l:")) {
            result.updateLong("tenant_id", Long.parseLong(tenant.substring("l:".length())));
        } else if (tenant.matches("[0-9]+")) {
            result.updateLong("tenant_id", Long.parseLong(tenant));
        } else {
            result.updateString(2, tenant);
        }
    }

    /**
     * Statements separated by {@code ;;} in one transaction, each with its bind group; the outcome of
     * each (a refused one included) is a row, and the transaction is committed after the last: what an
     * application that catches a refusal and goes on would see of its transaction.
     */
    private static List<String> transaction(Connection connection, String sql, String binds) throws SQLException {
        List<String> outcomes = new ArrayList<>();
        String[] statements = sql.split(";;");
        String[] groups = binds.split(";", -1);
        connection.setAutoCommit(false);
        try {
            for (int i = 0; i < statements.length; i++) {
                try (PreparedStatement statement = connection.prepareStatement(statements[i])) {
                    bind(statement, i < groups.length ? groups[i] : "");
                    outcomes.add("OK" + (statement.execute() ? " " + rows(statement.getResultSet()) : ""));
                } catch (TenantBoundaryViolation v) {
                    outcomes.add("BLOCKED " + v.kind());
                } catch (SQLException e) {
                    outcomes.add("FAILED " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        return outcomes;
    }

    /**
     * A routine of the database, for H2 ({@code CREATE ALIAS … FOR}): deletes the rows of
     * {@code table} whose tenant is {@code tenant}, on the caller's connection.
     */
    public static int deleteTenantRows(Connection connection, String table, String tenant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table + " WHERE tenant_id = ?")) {
            statement.setString(1, tenant);
            return statement.executeUpdate();
        }
    }

        private static List<String> prepared(Connection connection, String sql, String binds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, binds);
            return statement.execute() ? rows(statement.getResultSet()) : List.of();
        }
    }

    private static void bind(PreparedStatement statement, String group) throws SQLException {
        if (group.isEmpty()) {
            return;
        }
        String[] values = group.split(",", -1);
        for (int i = 0; i < values.length; i++) {
            int colon = values[i].indexOf(':');
            if (colon > 0) {
                typed(statement, i + 1, values[i].substring(0, colon), values[i].substring(colon + 1));
            } else if (values[i].equals("-")) {
                continue; // left unbound
            } else if (values[i].matches("[0-9]+")) {
                statement.setInt(i + 1, Integer.parseInt(values[i]));
            } else {
                statement.setString(i + 1, values[i]);
            }
        }
    }

    /** A value bound by the setter its prefix names, as an application would bind it. */
    private static void typed(PreparedStatement statement, int index, String setter, String v) throws SQLException {
        switch (setter) {
            case "s" -> statement.setString(index, v);
            case "i" -> statement.setInt(index, Integer.parseInt(v));
            case "l" -> statement.setLong(index, Long.parseLong(v));
            case "h" -> statement.setShort(index, Short.parseShort(v));
            case "bd" -> statement.setBigDecimal(index, new BigDecimal(v));
            case "oi" -> statement.setObject(index, Integer.valueOf(v));
            case "ol" -> statement.setObject(index, Long.valueOf(v));
            case "ob" -> statement.setObject(index, new BigInteger(v));
            case "os" -> statement.setObject(index, v);
            case "ou" -> statement.setObject(index, UUID.fromString(v));
            case "oub" -> statement.setObject(index, UUID.fromString(v), Types.OTHER);
            case "olt" -> statement.setObject(index, Long.valueOf(v), Types.BIGINT);
            case "ost" -> statement.setObject(index, v, Types.VARCHAR);
            case "n" -> statement.setNull(index, Types.VARCHAR);
            case "b" -> statement.setBytes(index, v.getBytes(StandardCharsets.UTF_8));
            case "cs" -> statement.setCharacterStream(index, new StringReader(v), v.length());
            case "as" -> statement.setAsciiStream(index, new ByteArrayInputStream(v.getBytes(StandardCharsets.US_ASCII)),
                    v.length());
            case "clob" -> statement.setClob(index, new StringReader(v), v.length());
            case "ncs" -> statement.setNCharacterStream(index, new StringReader(v), v.length());
            case "nclob" -> statement.setNClob(index, new StringReader(v), v.length());
            case "olts" -> statement.setObject(index, Long.valueOf(v), Types.BIGINT, 0);
            case "osts" -> statement.setObject(index, v, Types.VARCHAR, 0);
            default -> throw new IllegalArgumentException("unknown setter " + setter);
        }
    }

    private static List<String> rows(ResultSet result) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (result) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
