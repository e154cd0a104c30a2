package dev.tenantguard.agent.it;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** Trusted routines with a tenant argument on MariaDB: procedures called as CALL and {call}. */
class MariaDbTrustedRoutineArgumentsIT extends TrustedRoutineArgumentsContract {
    @BeforeEach
    void server() {
        RealDatabase.require("MariaDB", 3306);
    }

    @Override
    String url() {
        return "jdbc:mariadb://127.0.0.1:3306/test";
    }

    @Override
    List<String> jvmOptions() {
        return List.of("-Dprobe.user=root");
    }

    @Override
    List<Case> cases() {
        List<Case> cases = new ArrayList<>(super.cases());
        // MariaDB's setCharacterStream keeps the reader: a value the agent does not read
        cases.add(new Case("call|acme|{call ta_delete_order(?, ?)}|cs:globex,4", "BLOCKED NOT_VERIFIED", ALL,
                "OK [1:acme, 2:acme, 3:globex]"));
        return cases;
    }

    @Override
    List<String> routines() {
        return List.of(
                "DROP TABLE IF EXISTS ta_orders",
                "CREATE TABLE ta_orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL)",
                "DROP PROCEDURE IF EXISTS ta_delete_order",
                "CREATE PROCEDURE ta_delete_order(IN p_tenant VARCHAR(64), IN p_id INT)"
                        + " DELETE FROM ta_orders WHERE tenant_id = p_tenant AND id = p_id");
    }
}
