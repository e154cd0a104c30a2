package dev.tenantguard.agent.it;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** The JDBC contract on MariaDB (Connector/J) against the real server. */
class MariaDbEnforcementIT extends JdbcEnforcementContract {

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
    List<String> tenantSchemaSetup() {
        return List.of("CREATE DATABASE IF NOT EXISTS tenant_globex", "DROP TABLE IF EXISTS tenant_globex.notes");
    }

    @Override
    String quotedOrders() {
        return "`orders`";
    }

    @Override
    String quotedTenantColumn() {
        return "`tenant_id`";
    }
}
