package dev.tenantguard.agent.it;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** PostgreSQL upserts: ON CONFLICT and MERGE, on the real server. */
class PostgresUpsertIT extends UpsertContract {
    @BeforeEach
    void server() {
        RealDatabase.require("PostgreSQL", 5432);
    }

    @Override
    String url() {
        return "jdbc:postgresql://127.0.0.1:5432/test";
    }

    @Override
    List<String> jvmOptions() {
        return List.of("-Dprobe.user=postgres");
    }

    @Override
    List<String[]> upserts() {
        String insert = "INSERT INTO up_orders (id, tenant_id, item) VALUES (?, ?, ?)";
        return List.of(
                step("prep|acme|" + insert + " ON CONFLICT (id) DO UPDATE SET item = excluded.item"
                        + " WHERE up_orders.tenant_id = ?|2,acme,stolen,acme", "OK"),
                step("prep|acme|" + insert + " ON CONFLICT (id) DO NOTHING|2,acme,stolen", "OK"),
                step("prep|acme|MERGE INTO up_orders o USING (SELECT CAST(? AS INT) AS id) s ON o.id = s.id"
                        + " AND o.tenant_id = ? WHEN MATCHED THEN UPDATE SET item = 'x'|2,acme", "OK"),
                step("prep|acme|" + insert + " ON CONFLICT (id) DO UPDATE SET item = excluded.item|2,acme,stolen",
                        "BLOCKED UNSCOPED_QUERY"),
                step("prep|acme|" + insert + " ON CONFLICT ON CONSTRAINT up_orders_pkey DO UPDATE SET item = excluded.item"
                        + "|2,acme,stolen", "BLOCKED UNSCOPED_QUERY"),
                step("prep|acme|MERGE INTO up_orders o USING (SELECT CAST(? AS INT) AS id) s ON o.id = s.id"
                        + " WHEN MATCHED THEN UPDATE SET item = 'stolen'|2", "BLOCKED UNSCOPED_QUERY"));
    }
}
