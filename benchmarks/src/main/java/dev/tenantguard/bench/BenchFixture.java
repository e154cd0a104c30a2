package dev.tenantguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The files and the policy (file rules, one JDBC tenant table) the benchmarks run against, shared
 * by the runner (which creates them) and the forked benchmark JVMs (which only read them).
 *
 * <p>The runner has to create them: the agent reads its policy in {@code premain}, before JMH runs
 * any {@code @Setup}, and the rule has to name the directory the benchmark then reads from.
 */
final class BenchFixture {
    /** System property, set on every fork, naming the fixture directory. */
    static final String DIR_PROPERTY = "tg.bench.dir";
    /** System property, set on every fork: whether the arm runs with the agent. */
    static final String AGENT_PROPERTY = "tg.bench.agent";

    static final String TENANT = "acme";
    static final String OWN_TENANT_FILE = "tenants/acme/data.txt";
    /** Another tenant's file: each fork proves the agent is enforcing by failing to open it. */
    static final String OTHER_TENANT_FILE = "tenants/other/data.txt";
    static final String OUTSIDE_FILE = "outside/data.txt";
    /** What the writer benchmark writes: its own file, so the reads above stay 1 KiB. */
    static final String OWN_TENANT_WRITTEN = "tenants/acme/written.txt";
    static final String OTHER_TENANT_WRITTEN = "tenants/other/written.txt";
    /** The SecurityManager arm's policy: the tenant's and the shared directories, not the others. */
    static final String SECURITY_POLICY_FILE = "security.policy";
    static final String POLICY_FILE = "tenant-guard.yaml";
    /**
     * The same policy without the families added later (Redis, messaging): what an earlier build of
     * the agent accepts, so that {@code --compare} runs both builds under one policy.
     */
    static final String CORE_POLICY_FILE = "tenant-guard-core.yaml";
    static final String VIOLATIONS_FILE = "violations.jsonl";
    static final int FILE_SIZE = 1024;
    /**
     * The shared table of the JDBC benchmarks and the column that holds each row's tenant. Prefixed
     * so that the benchmark's own table on the shared PostgreSQL database never meets a test's.
     */
    static final String TENANT_TABLE = "tg_bench_orders";
    static final String TENANT_COLUMN = "tenant_id";
    /** The same, with a {@code BIGINT} tenant column (tenants 7 and 8). */
    static final String NUMERIC_TENANT_TABLE = "tg_bench_orders_num";
    /** Holds the loopback port the HTTP benchmarks serve on: the rule has to name it before the fork starts. */
    static final String HTTP_PORT_FILE = "http.port";

    private BenchFixture() {
    }

    /** Creates a fresh fixture in a new temporary directory and returns the directory. */
    static Path create() {
        try {
            Path dir = Files.createTempDirectory("tg-bench").toRealPath();
            byte[] content = new byte[FILE_SIZE];
            Arrays.fill(content, (byte) 'x');
            for (String file : new String[] {OWN_TENANT_FILE, OTHER_TENANT_FILE, OUTSIDE_FILE, OWN_TENANT_WRITTEN,
                    OTHER_TENANT_WRITTEN}) {
                Path path = dir.resolve(file);
                Files.createDirectories(path.getParent());
                Files.write(path, content);
            }
            int port = freePort();
            Files.writeString(dir.resolve(HTTP_PORT_FILE), Integer.toString(port), StandardCharsets.UTF_8);
            // toRealPath above: the rule must match the path the agent normalizes, even where
            // /tmp is a symbolic link.
            String core = "mode: enforce\n"
                    + "files:\n"
                    + "  rules:\n"
                    + "    - \"" + dir.resolve("tenants") + "/{tenant}/**\"\n"
                    + "jdbc:\n"
                    + "  column: " + TENANT_COLUMN + "\n"
                    + "  tables: [" + TENANT_TABLE + ", " + NUMERIC_TENANT_TABLE + "]\n"
                    + "http:\n"
                    + "  rules:\n"
                    + "    - \"http://127.0.0.1:" + port + "/v1/tenants/{tenant}/**\"\n";
            String report = "report:\n"
                    + "  jsonl: \"" + dir.resolve(VIOLATIONS_FILE) + "\"\n"
                    + "  log: false\n";
            String policy = core
                    + "redis:\n"
                    + "  keys:\n"
                    + "    - \"tenant:{tenant}:**\"\n"
                    + "messaging:\n"
                    + "  rules:\n"
                    + "    - \"amqp://orders.{tenant}.*\"\n"
                    + report;
            Files.writeString(dir.resolve(POLICY_FILE), policy, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(CORE_POLICY_FILE), core + report, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(SECURITY_POLICY_FILE), SecurityPolicy.forFixture(dir), StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the benchmark fixture", e);
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The loopback port of this fixture's HTTP benchmarks. */
    static int httpPort(Path dir) {
        try {
            return Integer.parseInt(Files.readString(dir.resolve(HTTP_PORT_FILE)).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture directory of this fork, as passed by the runner. */
    static Path fromSystemProperty() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException("-D" + DIR_PROPERTY + " is not set: run the benchmarks through "
                    + BenchmarkRunner.class.getName() + " (java -jar benchmarks.jar), which creates the fixture");
        }
        return Path.of(dir);
    }

    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
