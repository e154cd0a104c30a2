package dev.tenantguard.agent.it;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * Writes by key on PostgreSQL, which aborts a transaction at its first error: a lookup that fails (a key
 * bound as text, which PostgreSQL does not compare with an integer) must leave the transaction usable.
 */
class PostgresKeyedWriteIT extends KeyedWriteContract {
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
    String mistypedKeyStep() {
        return "tx|acme|UPDATE kw_orders SET item = ? WHERE id = ?;;SELECT item FROM kw_orders WHERE tenant_id = ? AND id = ?"
                + "|x,s:1;acme,1";
    }
}
