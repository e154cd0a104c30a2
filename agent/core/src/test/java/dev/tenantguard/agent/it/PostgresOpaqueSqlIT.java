package dev.tenantguard.agent.it;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** Routines, dynamic SQL, DO, COPY and role switches on PostgreSQL (pgjdbc), the real server. */
class PostgresOpaqueSqlIT extends OpaqueSqlContract {
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
    String extraPolicy() {
        return "  rlsSetting: app.tenant\n";
    }

    @Override
    List<String> routines() {
        String body = " LANGUAGE sql AS $$ DELETE FROM op_orders WHERE tenant_id = 'globex' $$";
        return List.of(
                "DROP TABLE IF EXISTS op_orders CASCADE",
                "CREATE TABLE op_orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL)",
                "CREATE OR REPLACE PROCEDURE op_purge()" + body,
                "CREATE OR REPLACE PROCEDURE op_trusted()" + body,
                "CREATE OR REPLACE FUNCTION op_purged() RETURNS SETOF int LANGUAGE sql AS"
                        + " $$ DELETE FROM op_orders WHERE tenant_id = 'globex' RETURNING id $$",
                "DEALLOCATE ALL");
    }

    @Override
    List<String> opaqueSteps() {
        return List.of(
                "stmt|acme|CALL op_purge()",
                "call|acme|{call op_purge()}",
                "stmt|acme|SELECT 1; CALL op_purge()",
                "stmt|acme|SELECT * FROM op_purged()",
                "stmt|acme|DO $$ BEGIN DELETE FROM op_orders WHERE tenant_id = 'globex'; END $$",
                // the table's name is built at run time: no text names it ('|' separates the probe's step fields)
                "stmt|acme|DO $$ BEGIN EXECUTE concat('DELETE FROM op_', 'orders WHERE tenant_id = ''globex'''); END $$",
                "stmt|acme|PREPARE op_del AS DELETE FROM op_orders WHERE tenant_id = 'globex'; EXECUTE op_del;"
                        + " DEALLOCATE op_del",
                // COPY of a query: here one that deletes (the server's superuser may copy to a program)
                "stmt|acme|COPY (DELETE FROM op_orders WHERE tenant_id = 'globex' RETURNING id) TO PROGRAM 'cat > /dev/null'");
    }

    @Override
    String trustedCall() {
        return "stmt|acme|CALL op_trusted()";
    }
}
