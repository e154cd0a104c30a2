package dev.tenantguard.agent.it;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** Bind capture on PostgreSQL (pgjdbc) against the real server. */
class PostgresBindCaptureIT extends BindCaptureContract {
    @BeforeEach
    void server() {
        RealDatabase.require("PostgreSQL", 5432);
    }

    @Override
    String url() {
        return "jdbc:postgresql://127.0.0.1:5432/test";
    }

    @Override
    boolean driverBindsStreamsAsStrings() {
        return true;
    }

    @Override
    boolean driverRefusesSetter(String setter) {
        // pgjdbc: setNCharacterStream, setClob and setNClob with a Reader are "not yet implemented"
        return !setter.equals("cs");
    }

    @Override
    List<String> jvmOptions() {
        return List.of("-Dprobe.user=postgres");
    }
}
