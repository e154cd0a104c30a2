package dev.tenantguard.agent.it;

import java.util.List;

/** The JDBC contract on H2, in memory. */
class H2EnforcementIT extends JdbcEnforcementContract {

    @Override
    String url() {
        return "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1";
    }

    @Override
    List<String> tenantSchemaSetup() {
        return List.of("CREATE SCHEMA tenant_globex");
    }

    @Override
    String quotedOrders() {
        return "\"ORDERS\"";
    }

    @Override
    String quotedTenantColumn() {
        return "\"TENANT_ID\"";
    }
}
