package com.example.probe;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs generated statements as tenant acme, each in its own transaction that is rolled back, and
 * prints what each one did, read from the database itself: the tenants of the rows it returned, of
 * the rows it changed, deleted or inserted, and of the rows an {@code INSERT … SELECT} copied. A
 * statement the agent refuses is then run again in a privileged scope (and rolled back too), to show
 * which tenants' rows it would have reached.
 *
 * <p>Arguments: the JDBC URL, the orders table, a file of statements (one a line: the SQL, a tab,
 * the binds separated by {@code \u001f}; {@code {tenant}} stands for acme, bound by {@code setString},
 * {@code setObject(v)}, {@code setObject(v, VARCHAR)} and {@code setObject(v, VARCHAR, 0)} in turn; digits
 * are bound with {@code setInt}). Output per statement: {@code CASE i ALLOWED|BLOCKED kind|FAILED e returned=[…]
 * touched=[…] copied=[…] reach=[…]}.
 */
public final class DifferentialApp {
    private static final String TENANT = "acme";
    private static int tenantBinds;

    private DifferentialApp() {
    }

    public static void main(String[] args) throws Exception {
        String orders = args[1];
        List<String> lines = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
        try (Connection connection = DriverManager.getConnection(args[0], System.getProperty("probe.user", ""),
                System.getProperty("probe.password", ""))) {
            connection.setAutoCommit(false);
            for (int i = 0; i < lines.size(); i++) {
                String[] parts = lines.get(i).split("\t", -1);
                String sql = parts[0];
                String[] binds = parts[1].isEmpty() ? new String[0] : parts[1].split("\u001f", -1);
                System.out.println("CASE " + i + " " + runCase(connection, orders, sql, binds));
            }
        }
    }

    private static String runCase(Connection connection, String orders, String sql, String[] binds) throws Exception {
        Map<Integer, String> before = snapshot(connection, orders);
        Effect effect = new Effect();
        String outcome;
        try {
            TenantContext.call(TENANT, () -> execute(connection, sql, binds, effect));
            outcome = "ALLOWED";
        } catch (TenantBoundaryViolation v) {
            outcome = "BLOCKED " + v.kind();
        } catch (SQLException e) {
            outcome = "FAILED " + e.getMessage().replace('\n', ' ');
        }
        effect.compare(before, safeSnapshot(connection, orders));
        connection.rollback();
        String reach = "";
        if (outcome.startsWith("BLOCKED")) {
            Effect would = new Effect();
            try {
                TenantContext.privileged("differential run: what the refused statement would reach",
                        () -> execute(connection, sql, binds, would));
                would.compare(before, snapshot(connection, orders));
            } catch (SQLException e) {
                would.returned.add("FAILED " + e.getMessage().replace('\n', ' '));
            }
            connection.rollback();
            reach = " reach=" + would.all();
        }
        return outcome + " returned=" + effect.returned + " touched=" + effect.touched + " copied=" + effect.copied + reach;
    }

    /**
     * The tenant bound by each setter of a text tenant that all three drivers implement, in turn: the
     * statements' analyses do not depend on how their tenant was bound.
     */
    private static void bindTenant(PreparedStatement statement, int index) throws SQLException {
        switch (tenantBinds++ % 4) {
            case 0 -> statement.setString(index, TENANT);
            case 1 -> statement.setObject(index, TENANT);
            case 2 -> statement.setObject(index, TENANT, Types.VARCHAR);
            default -> statement.setObject(index, TENANT, Types.VARCHAR, 0);
        }
    }

    private static Void execute(Connection connection, String sql, String[] binds, Effect effect) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int b = 0; b < binds.length; b++) {
                String value = binds[b].equals("{tenant}") ? TENANT : binds[b];
                if (binds[b].equals("{tenant}")) {
                    bindTenant(statement, b + 1);
                } else if (value.matches("[0-9]+")) {
                    statement.setInt(b + 1, Integer.parseInt(value));
                } else {
                    statement.setString(b + 1, value);
                }
            }
            if (statement.execute()) {
                try (ResultSet rows = statement.getResultSet()) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int c = 1; c <= columns; c++) {
                            effect.returned.add(String.valueOf(rows.getString(c)));
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Every row of the orders table: id to "tenant|status", read in a privileged scope. */
    private static Map<Integer, String> snapshot(Connection connection, String orders) throws Exception {
        return TenantContext.privileged("differential run: count each tenant's rows", () -> {
            Map<Integer, String> rows = new TreeMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, tenant_id, status FROM " + orders + " ORDER BY id");
                 ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getInt(1), result.getString(2) + "|" + result.getString(3));
                }
            }
            return rows;
        });
    }

    /** As {@link #snapshot}, after a statement that may have aborted the transaction (PostgreSQL): none then. */
    private static Map<Integer, String> safeSnapshot(Connection connection, String orders) throws Exception {
        try {
            return snapshot(connection, orders);
        } catch (SQLException aborted) {
            return null;
        }
    }

    /** What one statement did, by tenant. */
    private static final class Effect {
        final TreeSet<String> returned = new TreeSet<>();
        final TreeSet<String> touched = new TreeSet<>();
        final TreeSet<String> copied = new TreeSet<>();

        void compare(Map<Integer, String> before, Map<Integer, String> after) {
            if (after == null) {
                return; // the statement failed and its transaction with it: nothing was changed
            }
            for (Map.Entry<Integer, String> row : before.entrySet()) {
                if (!Objects.equals(row.getValue(), after.get(row.getKey()))) {
                    touched.add(row.getValue().split("\\|")[0]);
                }
            }
            for (Map.Entry<Integer, String> row : after.entrySet()) {
                if (!before.containsKey(row.getKey())) {
                    touched.add(row.getValue().split("\\|")[0]);
                    String source = before.get(row.getKey() - 1000); // INSERT … SELECT copies row id as id + 1000
                    if (source != null) {
                        copied.add(source.split("\\|")[0]);
                    }
                }
            }
        }

        TreeSet<String> all() {
            TreeSet<String> all = new TreeSet<>(returned);
            all.addAll(touched);
            all.addAll(copied);
            return all;
        }
    }
}
