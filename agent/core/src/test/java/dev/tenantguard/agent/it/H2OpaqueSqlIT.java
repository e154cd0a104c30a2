package dev.tenantguard.agent.it;

import java.util.List;

/** Routines (Java aliases) and EXECUTE IMMEDIATE on H2. */
class H2OpaqueSqlIT extends OpaqueSqlContract {
    @Override
    String url() {
        return "jdbc:h2:mem:opaque;DB_CLOSE_DELAY=-1";
    }

    @Override
    List<String> routines() {
        String routine = " FOR 'com.example.probe.JdbcRoutesApp.deleteTenantRows'";
        return List.of(
                "CREATE TABLE op_orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL)",
                "CREATE ALIAS op_purge" + routine,
                "CREATE ALIAS op_trusted" + routine);
    }

    @Override
    List<String> opaqueSteps() {
        return List.of(
                "stmt|acme|CALL op_purge('OP_ORDERS', 'globex')",
                "call|acme|{call op_purge('OP_ORDERS', 'globex')}",
                "stmt|acme|EXECUTE IMMEDIATE 'DELETE FROM op_orders WHERE tenant_id = ''globex'''");
    }

    @Override
    String trustedCall() {
        return "stmt|acme|CALL op_trusted('OP_ORDERS', 'globex')";
    }
}
