package dev.tenantguard.agent.it;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** MySQL/MariaDB upserts: ON DUPLICATE KEY UPDATE, REPLACE, INSERT IGNORE, on the real server. */
class MariaDbUpsertIT extends UpsertContract {
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
    List<String[]> upserts() {
        String insert = "INSERT INTO up_orders (id, tenant_id, item) VALUES (?, ?, ?)";
        return List.of(
                // the conflicting row is globex's: the IF keeps it as it is
                step("prep|acme|" + insert + " ON DUPLICATE KEY UPDATE item = IF(tenant_id = ?, VALUES(item), item)"
                        + "|2,acme,stolen,acme", "OK"),
                step("prep|acme|" + insert + " ON DUPLICATE KEY UPDATE id = id|2,acme,stolen", "OK"),
                step("prep|acme|INSERT IGNORE INTO up_orders (id, tenant_id, item) VALUES (?, ?, ?)|2,acme,stolen", "OK"),
                step("prep|acme|" + insert + " ON DUPLICATE KEY UPDATE item = VALUES(item)|2,acme,stolen",
                        "BLOCKED UNSCOPED_QUERY"),
                step("prep|acme|" + insert + " ON DUPLICATE KEY UPDATE tenant_id = VALUES(tenant_id)|2,acme,stolen",
                        "BLOCKED UNSCOPED_QUERY"),
                step("prep|acme|REPLACE INTO up_orders (id, tenant_id, item) VALUES (?, ?, ?)|2,acme,stolen",
                        "BLOCKED UNSCOPED_QUERY"),
                step("stmt|acme|REPLACE up_orders SET id = 2, tenant_id = 'acme', item = 'stolen'", "BLOCKED UNSCOPED_QUERY"));
    }
}
