package dev.tenantguard.agent.it;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** Trusted routines with a tenant argument on PostgreSQL (pgjdbc): procedures and a function, in FROM and in the select list. */
class PostgresTrustedRoutineArgumentsIT extends TrustedRoutineArgumentsContract {
    @BeforeEach
    void server() {
        RealDatabase.require("PostgreSQL", 5432);
    }

    @Override
    String url() {
        return "jdbc:postgresql://127.0.0.1:5432/test?escapeSyntaxCallMode=callIfNoReturn";
    }

    @Override
    List<String> jvmOptions() {
        return List.of("-Dprobe.user=postgres");
    }

    @Override
    List<String> routines() {
        return List.of(
                "DROP TABLE IF EXISTS ta_orders CASCADE",
                // the overloads of the other tenant column types: each run declares the argument as its table's column
                "DROP PROCEDURE IF EXISTS ta_delete_order(VARCHAR, INT)",
                "DROP PROCEDURE IF EXISTS ta_delete_order(BIGINT, INT)",
                "DROP PROCEDURE IF EXISTS ta_delete_order(UUID, INT)",
                "DROP FUNCTION IF EXISTS ta_purge_of(VARCHAR)",
                "DROP FUNCTION IF EXISTS ta_purge_of(BIGINT)",
                "DROP FUNCTION IF EXISTS ta_purge_of(UUID)",
                "CREATE TABLE ta_orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL)",
                "CREATE OR REPLACE PROCEDURE ta_delete_order(p_tenant VARCHAR(64), p_id INT) LANGUAGE sql AS"
                        + " $$ DELETE FROM ta_orders WHERE tenant_id = p_tenant AND id = p_id $$",
                "CREATE OR REPLACE FUNCTION ta_purge_of(p_tenant VARCHAR(64)) RETURNS SETOF int LANGUAGE sql AS"
                        + " $$ DELETE FROM ta_orders WHERE tenant_id = p_tenant RETURNING id $$");
    }

    @Override
    String trustedRoutines() {
        return "[\"ta_delete_order(tenant, _)\", ta_purge_of(tenant)]";
    }

    @Override
    List<Case> cases() {
        List<Case> cases = new ArrayList<>(super.cases());
        cases.add(new Case("prep|acme|SELECT * FROM ta_purge_of(?)|acme", "OK [1, 2]", "OK [3:globex, 4:globex]",
                "OK [3:globex, 4:globex]"));
        cases.add(new Case("prep|acme|SELECT * FROM ta_purge_of(?)|globex", "BLOCKED CROSS_TENANT", ALL,
                "OK [1:acme, 2:acme]"));
        // called in the select list instead of FROM: the same argument, the same check
        cases.add(new Case("prep|acme|SELECT ta_purge_of(?)|globex", "BLOCKED CROSS_TENANT", ALL, "OK [1:acme, 2:acme]"));
        return cases;
    }
}
