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
 * {@code admin} (a prepared statement inside {@code TenantContext.privileged}). Tenant {@code -} for
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
            case "schema":
                connection.setSchema(sql);
                return List.of();
            default:
                throw new IllegalArgumentException("unknown step kind " + how);
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
            if (values[i].matches("[0-9]+")) {
                statement.setInt(i + 1, Integer.parseInt(values[i]));
            } else {
                statement.setString(i + 1, values[i]);
            }
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
