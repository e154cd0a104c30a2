package dev.tenantguard.agent.it;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** The JDBC contract on PostgreSQL (pgjdbc) against the real server. */
class PostgresEnforcementIT extends JdbcEnforcementContract {

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
    List<String> tenantSchemaSetup() {
        return List.of("CREATE SCHEMA IF NOT EXISTS tenant_globex", "DROP TABLE IF EXISTS tenant_globex.notes");
    }

    @Override
    String quotedOrders() {
        return "\"orders\"";
    }

    @Override
    String quotedTenantColumn() {
        return "\"tenant_id\"";
    }
}
