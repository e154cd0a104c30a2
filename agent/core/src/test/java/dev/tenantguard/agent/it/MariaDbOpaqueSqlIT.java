package dev.tenantguard.agent.it;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** Routines, PREPARE/EXECUTE, EXECUTE IMMEDIATE and compound statements on MariaDB, the real server. */
class MariaDbOpaqueSqlIT extends OpaqueSqlContract {
    @BeforeEach
    void server() {
        RealDatabase.require("MariaDB", 3306);
    }

    @Override
    String url() {
        return "jdbc:mariadb://127.0.0.1:3306/test?allowMultiQueries=true";
    }

    @Override
    List<String> jvmOptions() {
        return List.of("-Dprobe.user=root");
    }

    @Override
    List<String> routines() {
        String body = " DELETE FROM op_orders WHERE tenant_id = 'globex'";
        return List.of(
                "DROP TABLE IF EXISTS op_orders",
                "CREATE TABLE op_orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL)",
                "DROP PROCEDURE IF EXISTS op_purge",
                "DROP PROCEDURE IF EXISTS op_trusted",
                "CREATE PROCEDURE op_purge()" + body,
                "CREATE PROCEDURE op_trusted()" + body);
    }

    @Override
    List<String> opaqueSteps() {
        return List.of(
                "stmt|acme|CALL op_purge()",
                "call|acme|{call op_purge()}",
                "stmt|acme|SELECT 1; CALL op_purge()",
                "stmt|acme|EXECUTE IMMEDIATE 'DELETE FROM op_orders WHERE tenant_id = ''globex'''",
                "stmt|acme|PREPARE op_del FROM 'DELETE FROM op_orders WHERE tenant_id = ''globex'''; EXECUTE op_del",
                "stmt|acme|BEGIN NOT ATOMIC DELETE FROM op_orders WHERE tenant_id = 'globex'; END");
    }

    @Override
    String trustedCall() {
        return "stmt|acme|CALL op_trusted()";
    }
}
