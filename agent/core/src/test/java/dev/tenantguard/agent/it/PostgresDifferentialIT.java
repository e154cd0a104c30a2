package dev.tenantguard.agent.it;

import dev.tenantguard.agent.fuzz.ScopedStatements;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** The differential run of generated statements on the real PostgreSQL server. */
class PostgresDifferentialIT extends DifferentialRunContract {
    @BeforeEach
    void server() {
        RealDatabase.require("PostgreSQL", 5432);
    }

    @Override
    String url() {
        return "jdbc:postgresql://127.0.0.1:5432/test";
    }

    @Override
    ScopedStatements.Dialect dialect() {
        return ScopedStatements.Dialect.POSTGRES;
    }

    @Override
    List<String> jvmOptions() {
        return List.of("-Dprobe.user=postgres");
    }
}
