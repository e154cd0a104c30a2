package com.example.probe.inbound;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.net.HttpURLConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.MDC;

/**
 * What the handlers of the inbound test servers do, whichever server: report the tenant they run
 * with, and on request ({@code X-Do: file,http,jdbc,leak,switch,privileged,throw}) try a cross-tenant file read, a
 * cross-tenant outbound call, a query for another tenant's rows (H2 in memory), leave a scope open, switch tenant or throw.
 */
public final class RequestWork {
    /** Where the tenants' folders are ({@code <root>/tenants/{tenant}}): system property {@code probe.root}. */
    private static final String ROOT = System.getProperty("probe.root");
    /** The recording server the outbound call goes to: system property {@code probe.httpBase}. */
    private static final String HTTP_BASE = System.getProperty("probe.httpBase");

    private static final String DATABASE = "jdbc:h2:mem:inbound;DB_CLOSE_DELAY=-1";

    private RequestWork() {
    }

    /** The body the handler answers with; {@code filterTenant} is what the application's filter saw. */
    public static String handle(String actions, String filterTenant) {
        StringBuilder body = new StringBuilder();
        body.append("tenant=").append(or(TenantContext.current()));
        body.append(" filter=").append(or(filterTenant));
        body.append(" mdc=").append(or(MDC.get("tenantId")));
        body.append(" thread=").append(Thread.currentThread().getName());
        String todo = actions == null ? "" : actions;
        if (todo.contains("file")) {
            body.append(" file=").append(attempt(() -> Files.readString(Path.of(ROOT, "tenants", "globex", "data.txt"))));
        }
        if (todo.contains("http")) {
            body.append(" http=").append(attempt(() -> {
                HttpURLConnection connection = (HttpURLConnection) new URL(HTTP_BASE + "/tenants/globex/data").openConnection();
                return String.valueOf(connection.getResponseCode());
            }));
        }
        if (todo.contains("jdbc")) {
            body.append(" jdbc=").append(attempt(RequestWork::otherTenantsOrder));
        }
        if (todo.contains("leak")) {
            TenantContext.open("acme"); // never closed: the agent must report and clear it
            body.append(" leaked=acme");
        }
        if (todo.contains("switch")) {
            body.append(" switch=").append(attempt(() -> {
                try (TenantScope ignored = TenantContext.open("globex")) {
                    return "switched";
                }
            }));
        }
        if (todo.contains("privileged")) {
            body.append(" privileged=").append(attempt(() -> TenantContext.privileged("support looks at globex", () -> {
                try (TenantScope ignored = TenantContext.open("globex")) {
                    return "switched";
                }
            })));
        }
        if (todo.contains("throw")) {
            throw new IllegalStateException("the handler failed on purpose");
        }
        return body.toString();
    }

    /** A query for globex's order, bound as a parameter: the agent checks the bound tenant. */
    private static String otherTenantsOrder() throws Exception {
        try (Connection connection = DriverManager.getConnection(DATABASE)) {
            TenantContext.privileged("test fixture: the orders of two tenants", () -> {
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute("CREATE TABLE IF NOT EXISTS orders (id INT PRIMARY KEY, tenant_id VARCHAR(64), item VARCHAR(64))");
                    ddl.execute("MERGE INTO orders KEY (id) VALUES (1, 'acme', 'anvil'), (2, 'globex', 'gizmo')");
                }
                return null;
            });
            try (PreparedStatement query = connection.prepareStatement("SELECT item FROM orders WHERE tenant_id = ?")) {
                query.setString(1, "globex");
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? rows.getString(1) : "no row";
                }
            }
        }
    }

    /** What a filter of the application does: remembers the tenant it saw, and may put one into the MDC. */
    public static String filter(String mdcTenant) {
        if (mdcTenant != null) {
            MDC.put("tenantId", mdcTenant);
        }
        return TenantContext.current();
    }

    /** Cleans what {@link #filter} put. */
    public static void filterDone(String mdcTenant) {
        if (mdcTenant != null) {
            MDC.remove("tenantId");
        }
    }

    private interface Attempt {
        String run() throws Exception;
    }

    private static String attempt(Attempt attempt) {
        try {
            return "OK:" + attempt.run().trim();
        } catch (TenantBoundaryViolation v) {
            return "BLOCKED:" + v.kind() + ":active=" + or(v.activeTenant());
        } catch (Exception e) {
            Throwable cause = e.getCause();
            if (cause instanceof TenantBoundaryViolation) {
                TenantBoundaryViolation v = (TenantBoundaryViolation) cause;
                return "BLOCKED:" + v.kind() + ":active=" + or(v.activeTenant());
            }
            return "FAILED:" + e.getClass().getSimpleName();
        }
    }

    private static String or(String value) {
        return value == null ? "none" : value;
    }
}
