package com.example.clinic;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the service runs on (127.0.0.1:5432, database {@code test}). When it is down
 * the test fails and says so; {@code -Dtgtest.skipRealDatabases=true} skips it instead, loudly, as the
 * agent's own real-database tests do.
 */
final class RealPostgres {
    static final String SKIP_PROPERTY = "tgtest.skipRealDatabases";
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    private RealPostgres() {
    }

    static void require() {
        if (Boolean.getBoolean(SKIP_PROPERTY)) {
            System.err.println("WARNING: " + SKIP_PROPERTY + "=true: the jpa-clinic tests (PostgreSQL) are SKIPPED");
            Assumptions.abort(SKIP_PROPERTY + "=true skips the jpa-clinic tests, which need PostgreSQL");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 2000);
        } catch (IOException e) {
            fail("PostgreSQL is not reachable on 127.0.0.1:5432 (" + e.getMessage() + "); the jpa-clinic service"
                    + " needs it (database 'test', user '" + USER + "', trust auth). Start it (.ci/run does), or run"
                    + " with -D" + SKIP_PROPERTY + "=true to skip the real-database tests.");
        }
    }
}
