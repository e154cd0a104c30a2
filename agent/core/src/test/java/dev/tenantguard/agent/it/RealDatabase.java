package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * The real servers of the integration tests (PostgreSQL, MariaDB, Redis and RabbitMQ on 127.0.0.1). A
 * test whose server is down fails and says so; {@code -Dtgtest.skipRealDatabases=true} skips
 * these tests instead, loudly, for a laptop without the servers.
 */
final class RealDatabase {
    static final String SKIP_PROPERTY = "tgtest.skipRealDatabases";

    private RealDatabase() {
    }

    static void require(String name, int port) {
        if (Boolean.getBoolean(SKIP_PROPERTY)) {
            System.err.println("WARNING: " + SKIP_PROPERTY + "=true: the " + name + " tests are SKIPPED");
            Assumptions.abort(SKIP_PROPERTY + "=true skips the " + name + " tests");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        } catch (IOException e) {
            fail(name + " is not reachable on 127.0.0.1:" + port + " (" + e.getMessage() + "). Start it (.ci/run does),"
                    + " or run with -D" + SKIP_PROPERTY + "=true to skip the real-database tests.");
        }
    }
}
