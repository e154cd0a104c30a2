package dev.tenantguard.agent.it;

import java.util.List;

/** H2 upserts: standard MERGE, and H2's own MERGE … KEY, which the parser cannot read. */
class H2UpsertIT extends UpsertContract {
    @Override
    String url() {
        return "jdbc:h2:mem:upserts;DB_CLOSE_DELAY=-1";
    }

    @Override
    List<String[]> upserts() {
        return List.of(
                step("prep|acme|MERGE INTO up_orders o USING (SELECT CAST(? AS INT) AS id) s ON o.id = s.id"
                        + " AND o.tenant_id = ? WHEN MATCHED THEN UPDATE SET item = 'x'|2,acme", "OK"),
                step("prep|acme|MERGE INTO up_orders o USING (SELECT CAST(? AS INT) AS id) s ON o.id = s.id"
                        + " WHEN MATCHED THEN UPDATE SET item = 'stolen'|2", "BLOCKED UNSCOPED_QUERY"),
                step("prep|acme|MERGE INTO up_orders o USING (SELECT CAST(? AS INT) AS id) s ON o.id = s.id"
                        + " WHEN MATCHED THEN DELETE|2", "BLOCKED UNSCOPED_QUERY"),
                step("prep|acme|MERGE INTO up_orders KEY (id) VALUES (?, ?, ?)|2,acme,stolen", "BLOCKED NOT_VERIFIED"));
    }
}
