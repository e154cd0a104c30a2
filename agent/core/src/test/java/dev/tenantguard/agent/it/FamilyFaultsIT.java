package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.FamilyFaultApp;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * {@code onError} in the JDBC, HTTP, Redis and messaging families under the real agent jar, with a
 * fault injected into each checker ({@link FamilyFaultApp}): failing closed (the default in
 * {@code enforce}) the call is refused as {@code INTERNAL_ERROR} and nothing reaches PostgreSQL, the
 * HTTP server, Redis or RabbitMQ; failing open (the default in {@code report}) the own-tenant write
 * arrives. Recorded once per family either way.
 */
class FamilyFaultsIT {
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    @TempDir
    Path root;
    String run;
    String table;
    LoopbackServer http;
    Jedis redis;
    Connection rabbit;
    Channel channel;

    @BeforeEach
    void start() throws Exception {
        RealDatabase.require("PostgreSQL", 5432);
        RealDatabase.require("Redis", 6379);
        RealDatabase.require("RabbitMQ", 5672);
        run = UUID.randomUUID().toString().substring(0, 8);
        table = "fault_orders_" + run;
        try (java.sql.Connection c = DriverManager.getConnection(POSTGRES)) {
            c.createStatement().execute("CREATE TABLE " + table + " (id SERIAL, tenant_id VARCHAR(32))");
        }
        http = new LoopbackServer(path -> null);
        redis = new Jedis("127.0.0.1", 6379);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        rabbit = factory.newConnection();
        channel = rabbit.createChannel();
        channel.queueDeclare(queue(), false, false, true, null);
    }

    @AfterEach
    void stop() throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection(POSTGRES)) {
            c.createStatement().execute("DROP TABLE IF EXISTS " + table);
        }
        redis.del(key());
        redis.close();
        channel.queueDelete(queue());
        rabbit.close();
        http.close();
    }

    @Test
    void enforceFailsClosedAndNothingReachesAServer() throws Exception {
        ForkedJvm.Result result = run("enforce");
        assertEquals(blocked("JdbcHooks.switchSchema", "java.lang.AssertionError"), result.step(0),
                result.toString());
        assertEquals(blocked("HttpHooks.library", "java.lang.IllegalStateException"), result.step(1));
        assertEquals(blocked("RedisHooks.command", "java.lang.ClassCastException"), result.step(2));
        assertEquals(blocked("MessagingHooks.publish", "java.lang.IllegalStateException"), result.step(3));
        assertEquals(0, rows());
        assertEquals(0, http.received(path()));
        assertFalse(redis.exists(key()), "the key was written");
        assertEquals(0, channel.messageCount(queue()));
        assertRecordedOncePerFamily("BLOCKED", "failClosed");
    }

    @Test
    void reportFailsOpenAndTheCallsArrive() throws Exception {
        ForkedJvm.Result result = run("report");
        for (int step = 0; step < 4; step++) {
            assertEquals("PASSED", result.step(step), result.toString());
        }
        assertEquals(1, rows());
        assertEquals(1, http.received(path()));
        assertEquals("acme", redis.get(key()));
        assertEquals(1, channel.messageCount(queue()));
        assertRecordedOncePerFamily("REPORTED", "failOpen");
    }

    private static String blocked(String site, String error) {
        return "BLOCKED INTERNAL_ERROR the call could not be verified: the agent's check failed in " + site
                + " (onError " + "failClosed: " + error + ")";
    }

    private void assertRecordedOncePerFamily(String action, String onError) throws Exception {
        List<String> errors = Files.readAllLines(root.resolve("violations.jsonl")).stream()
                .filter(line -> line.contains("\"kind\":\"INTERNAL_ERROR\"")).toList();
        String all = String.join("\n", errors);
        assertEquals(4, errors.size(), all);
        for (String family : List.of("jdbc", "http", "redis", "messaging")) {
            assertEquals(1, errors.stream().filter(line -> line.contains("\"family\":\"" + family + "\"")).count(), all);
        }
        for (String line : errors) {
            assertTrue(line.contains("\"action\":\"" + action + "\""), line);
            assertTrue(line.contains("\"activeTenant\":\"acme\""), line);
            assertTrue(line.contains("\"rule\":\"onError " + onError + ": "), line);
            assertTrue(line.contains("\"callSite\":\"com.example.probe.FamilyFaultApp.run("), line);
        }
    }

    private int rows() throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getInt(1);
        }
    }

    private String path() {
        return "/v1/tenants/acme/" + run;
    }

    private String key() {
        return "tenant:acme:" + run;
    }

    private String queue() {
        return "fault-" + run;
    }

    private ForkedJvm.Result run(String mode) throws Exception {
        Path policy = Files.writeString(root.resolve("tenant-guard.yaml"), "mode: " + mode + "\n"
                + "jdbc:\n"
                + "  column: tenant_id\n"
                + "  tables: [" + table + "]\n"
                + "http:\n"
                + "  rules:\n"
                + "    - " + http.base() + "/v1/tenants/{tenant}/**\n"
                + "redis:\n"
                + "  keys:\n"
                + "    - \"tenant:{tenant}:**\"\n"
                + "messaging:\n"
                + "  rules:\n"
                + "    - \"amqp://orders.{tenant}.*\"\n"
                + "report:\n"
                + "  jsonl: " + root.resolve("violations.jsonl") + "\n");
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                FamilyFaultApp.class.getName(), List.of(
                        "jdbc|" + POSTGRES + "|" + table,
                        "http|" + http.base() + path(),
                        "redis|" + key(),
                        "messaging|" + queue()),
                ForkedJvm.testJars("postgresql", "jedis", "commons-pool2", "gson", "json", "amqp-client", "slf4j-api"));
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
