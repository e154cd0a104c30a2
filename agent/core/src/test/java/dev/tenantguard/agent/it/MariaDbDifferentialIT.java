package dev.tenantguard.agent.it;

import dev.tenantguard.agent.fuzz.ScopedStatements;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** The differential run of generated statements on the real MariaDB server. */
class MariaDbDifferentialIT extends DifferentialRunContract {
    @BeforeEach
    void server() {
        RealDatabase.require("MariaDB", 3306);
    }

    @Override
    String url() {
        return "jdbc:mariadb://127.0.0.1:3306/test";
    }

    @Override
    ScopedStatements.Dialect dialect() {
        return ScopedStatements.Dialect.MARIADB;
    }

    @Override
    List<String> jvmOptions() {
        return List.of("-Dprobe.user=root");
    }
}
