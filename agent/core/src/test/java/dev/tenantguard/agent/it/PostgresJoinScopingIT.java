package dev.tenantguard.agent.it;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** Join shapes and composite keys as row values on PostgreSQL. */
class PostgresJoinScopingIT extends JoinScopingContract {
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
}
