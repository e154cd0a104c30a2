package com.example.probe;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a service that is already running when the agent is attached: prints
 * {@code READY <pid>}, then runs one command per line of stdin and answers {@code REPLY <outcome>}.
 *
 * <p>Commands: {@code read <tenant> <file>} (tenant {@code -}: none, without touching the API),
 * {@code api} (loads the tenant API, as an application that used it before the attach would have),
 * {@code h2} (uses an H2 database: a JDBC driver in use), {@code sql <tenant> <statement>} (on an
 * in-memory H2 database; tenant {@code !reason}: in a privileged scope), {@code mbean} (the agent's
 * JMX attributes as seen in-process), {@code quit}. Nothing of the tenant API is touched before a
 * command needs it: {@link Steps} holds those calls so that loading this class loads none.
 */
public final class WaitingApp {
    private WaitingApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] command = line.trim().split(" ");
            String reply;
            try {
                reply = switch (command[0]) {
                    case "read" -> command[1].equals("-") ? "OK " + readString(java.nio.file.Path.of(command[2]))
                            : Steps.read(command[1], command[2]);
                    case "api" -> "OK " + Class.forName("dev.tenantguard.api.TenantContext").getClassLoader();
                    case "mbean" -> mbean();
                    case "h2" -> h2();
                    case "sql" -> Steps.sql(command[1], line.trim().split(" ", 3)[2]);
                    case "quit" -> "BYE";
                    default -> "UNKNOWN " + line;
                };
            } catch (Exception | LinkageError e) {
                reply = "FAILED " + e;
            }
            System.out.println("REPLY " + reply);
            if (command[0].equals("quit")) {
                return;
            }
        }
    }

    /** Opens an H2 database and runs a query on it, as a service that already uses its database does. */
    private static String h2() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:mem:waiting;DB_CLOSE_DELAY=-1");
                java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id INT, tenant_id VARCHAR(20))");
            s.execute("INSERT INTO orders VALUES (1, 'globex')");
            try (java.sql.ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM orders")) {
                rows.next();
                return "OK " + rows.getInt(1);
            }
        }
    }

    private static String mbean() throws Exception {
        javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName name = new javax.management.ObjectName("dev.tenantguard:type=TenantGuard");
        if (!server.isRegistered(name)) {
            return "NONE";
        }
        return "startedBy=" + server.getAttribute(name, "StartedBy") + " files=" + server.getAttribute(name, "FilesMode")
                + " violations=" + server.getAttribute(name, "Violations");
    }

    private static String readString(java.nio.file.Path path) {
        try {
            return java.nio.file.Files.readString(path).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The calls that need the tenant API; loaded only when a command runs them. */
    private static final class Steps {
        private static java.sql.Connection database;

        /** Runs one SQL statement on an in-memory H2 database as {@code tenant}. */
        static String sql(String tenant, String sql) throws Exception {
            if (database == null) {
                database = java.sql.DriverManager.getConnection("jdbc:h2:mem:app;DB_CLOSE_DELAY=-1");
            }
            try (java.sql.Statement statement = database.createStatement()) {
                if (tenant.startsWith("!")) { // a privileged scope, e.g. a migration
                    return "OK " + dev.tenantguard.api.TenantContext.privileged(tenant.substring(1),
                            () -> statement.execute(sql));
                }
                return "OK " + dev.tenantguard.api.TenantContext.call(tenant, () -> statement.execute(sql));
            } catch (dev.tenantguard.api.TenantBoundaryViolation v) {
                return "BLOCKED " + v.kind() + " " + v.getMessage();
            }
        }

        static String read(String tenant, String file) {
            java.nio.file.Path path = java.nio.file.Path.of(file);
            try {
                return "OK " + dev.tenantguard.api.TenantContext.call(tenant, () -> readString(path));
            } catch (dev.tenantguard.api.TenantBoundaryViolation v) {
                return "BLOCKED " + v.kind() + " " + v.getMessage();
            } catch (Exception e) {
                return "FAILED " + e;
            }
        }

    }
}
