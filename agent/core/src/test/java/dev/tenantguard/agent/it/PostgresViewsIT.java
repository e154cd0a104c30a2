package dev.tenantguard.agent.it;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** Views and materialized views under {@code tables: auto} on the real PostgreSQL server. */
class PostgresViewsIT extends ViewsContract {
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
    List<String> dropViews() {
        List<String> drops = new ArrayList<>(List.of("admin|-|DROP MATERIALIZED VIEW IF EXISTS vw_mat_items|",
                "admin|-|DROP MATERIALIZED VIEW IF EXISTS vw_mat_open|"));
        drops.addAll(super.dropViews());
        return drops;
    }

    @Override
    List<String[]> extraViews() {
        return List.of(step("admin|-|CREATE MATERIALIZED VIEW vw_mat_open AS SELECT id, tenant_id, item FROM vw_orders|", "OK"),
                step("admin|-|CREATE MATERIALIZED VIEW vw_mat_items AS SELECT id, item FROM vw_orders|", "OK"));
    }

    @Override
    List<String[]> extraSteps() {
        return List.of(step("prep|acme|SELECT item FROM vw_mat_open WHERE tenant_id = ?|acme", "OK [anvil]"),
                step("prep|acme|SELECT item FROM vw_mat_open WHERE id = ?|2", "BLOCKED UNSCOPED_QUERY"),
                step("prep|acme|SELECT item FROM vw_mat_items WHERE id = ?|2", "BLOCKED NOT_VERIFIED"));
    }
}
