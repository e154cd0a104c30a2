package dev.tenantguard.agent.it;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** Join shapes and composite keys as row values on MariaDB. */
class MariaDbJoinScopingIT extends JoinScopingContract {
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
}
