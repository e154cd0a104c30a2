package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.RedisRoutesApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Redis under the real agent, against the real Redis on 127.0.0.1:6379, with Lettuce (sync, async,
 * reactive) and Jedis ({@code Jedis}, {@code JedisPooled}, pipelines): own keys pass; another
 * tenant's keys, channels and patterns are blocked, and the server — read by a client in this JVM,
 * which has no agent — shows that nothing was written.
 */
class RedisEnforcementIT {
    private static final List<String> CLIENTS =
            List.of("lettuce", "lettuce-async", "lettuce-reactive", "jedis", "pooled", "pipeline");

    @TempDir
    Path root;
    /** Keys of this run only: several JVMs share the server. */
    String run;
    Jedis server;

    @BeforeEach
    void connect() {
        RealDatabase.require("Redis", 6379);
        run = UUID.randomUUID().toString().substring(0, 8);
        server = new Jedis("127.0.0.1", 6379);
    }

    @AfterEach
    void clean() {
        for (String key : server.keys("*" + run + "*")) {
            server.del(key);
        }
        server.close();
    }

    private String acme(String name) {
        return "tenant:acme:" + run + ":" + name;
    }

    private String globex(String name) {
        return "tenant:globex:" + run + ":" + name;
    }

    @Test
    void ownKeysPassAndOtherTenantsKeysAreNeverWritten() throws Exception {
        server.set(globex("g"), "globex-value");
        server.hset(globex("h"), "f", "globex");
        List<String> steps = new ArrayList<>();
        for (String client : CLIENTS) {
            steps.add(client + "|acme|SET|" + acme(client) + " v-" + client);
            steps.add(client + "|acme|GET|" + acme(client));
            steps.add(client + "|acme|SET|" + globex(client) + " stolen");
            steps.add(client + "|acme|DEL|" + globex("g"));
        }

        ForkedJvm.Result result = run("enforce", steps);

        int i = 0;
        for (String client : CLIENTS) {
            assertEquals("OK OK", result.step(i++), client + " SET own key\n" + result);
            assertEquals("OK v-" + client, result.step(i++), client + " GET own key\n" + result);
            assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to SET " + globex(client)
                    + " owned by tenant globex"), client + "\n" + result);
            assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to DEL " + globex("g")),
                    client + "\n" + result);
            assertEquals("v-" + client, server.get(acme(client)), client);
            assertFalse(server.exists(globex(client)), client + ": a blocked SET reached the server");
        }
        assertEquals("globex-value", server.get(globex("g")), "a blocked DEL reached the server");
    }

    @Test
    void everyKeyOfEveryCommandIsChecked() throws Exception {
        server.set(globex("g"), "globex-value");
        server.hset(globex("h"), "f", "globex");
        List<String> steps = new ArrayList<>();
        for (String client : List.of("lettuce", "jedis")) {
            steps.add(client + "|acme|SET|" + acme("a") + " mine");
            steps.add(client + "|acme|MGET|" + acme("a") + " " + globex("g"));
            steps.add(client + "|acme|MSET|" + acme("a") + " overwritten " + globex("m") + " x");
            steps.add(client + "|acme|EXPIRE|" + globex("g") + " 100");
            steps.add(client + "|acme|HSET|" + globex("h") + " f acme");
            steps.add(client + "|acme|EVAL|" + globex("e") + " x");
            steps.add(client + "|acme|RENAME|" + acme("a") + " " + globex("moved"));
            steps.add(client + "|acme|RENAME|" + globex("g") + " " + acme("stolen"));
            steps.add(client + "|acme|RAW|SET " + globex("raw") + " x");
            steps.add(client + "|acme|EVAL|" + acme("e") + " mine");
            steps.add(client + "|acme|SET|free:" + run + ":" + client + " anyone");
        }

        ForkedJvm.Result result = run("enforce", steps);

        int i = 0;
        for (String client : List.of("lettuce", "jedis")) {
            assertEquals("OK OK", result.step(i++), client + "\n" + result);
            assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to MGET " + globex("g")),
                    client + " MGET, second key\n" + result);
            assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to MSET " + globex("m")),
                    client + " MSET, second key\n" + result);
            assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to EXPIRE " + globex("g")),
                    client + "\n" + result);
            assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to HSET " + globex("h")),
                    client + "\n" + result);
            assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to EVAL " + globex("e")),
                    client + " EVAL key\n" + result);
            assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to RENAME " + globex("moved")),
                    client + " RENAME destination\n" + result);
            assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to RENAME " + globex("g")),
                    client + " RENAME source\n" + result);
            assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to SET " + globex("raw")),
                    client + " generic command API, no argument marked as key\n" + result);
            assertEquals("OK OK", result.step(i++), client + " EVAL own key\n" + result);
            assertEquals("OK OK", result.step(i++), client + " a key under no rule\n" + result);
        }
        assertEquals("mine", server.get(acme("a")), "a blocked MSET wrote its first key");
        for (String key : List.of("m", "e", "moved", "raw")) {
            assertFalse(server.exists(globex(key)), key + " was written");
        }
        assertEquals(-1, server.ttl(globex("g")), "a blocked EXPIRE reached the server");
        assertEquals("globex", server.hget(globex("h"), "f"));
        assertEquals("globex-value", server.get(globex("g")));
        assertFalse(server.exists(acme("stolen")));
    }

    @Test
    void patternsChannelsMissingTenantsAndPrivilegedScopes() throws Exception {
        server.set(globex("g"), "globex-value");
        List<String> steps = new ArrayList<>();
        for (String client : List.of("lettuce", "jedis")) {
            steps.add(client + "|acme|KEYS|tenant:*");
            steps.add(client + "|acme|KEYS|tenant:acme:" + run + ":*");
            steps.add(client + "|acme|SCAN|tenant:acme*");
            steps.add(client + "|acme|SCAN|tenant:acme:*");
            steps.add(client + "|acme|PUBLISH|" + globex("ch") + " hello");
            steps.add(client + "|acme|PUBLISH|" + acme("ch") + " hello");
            steps.add(client + "|-|GET|" + acme("a"));
            steps.add(client + "|!acme|SET|" + globex("admin-" + client) + " migrated");
        }
        steps.add("lettuce|acme|SUBSCRIBE|" + globex("ch"));
        steps.add("lettuce|acme|PSUBSCRIBE|tenant:*");
        steps.add("lettuce|acme|PSUBSCRIBE|tenant:acme:*");
        steps.add("jedis|acme|RAW|DEBUG OBJECT " + acme("a"));
        steps.add("lettuce|acme|RAW|DEBUG OBJECT " + acme("a"));
        steps.add("lettuce-async|acme|KEYS|*");
        steps.add("lettuce-reactive|acme|KEYS|tenant:globex:*");

        ForkedJvm.Result result = run("enforce", steps);

        int i = 0;
        for (String client : List.of("lettuce", "jedis")) {
            assertTrue(result.step(i++).startsWith("BLOCKED UNSCOPED_QUERY tenant acme tried to KEYS tenant:* without"
                    + " restricting it to its tenant"), client + "\n" + result);
            assertTrue(result.step(i++).startsWith("OK "), client + " KEYS own prefix\n" + result);
            assertTrue(result.step(i++).startsWith("BLOCKED UNSCOPED_QUERY tenant acme tried to SCAN tenant:acme*"),
                    client + " SCAN MATCH tenant:acme* also reaches tenant:acmeglobal:…\n" + result);
            assertTrue(result.step(i++).startsWith("OK "), client + " SCAN own prefix\n" + result);
            assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to PUBLISH " + globex("ch")),
                    client + "\n" + result);
            assertEquals("OK 0", result.step(i++), client + " PUBLISH own channel\n" + result);
            assertTrue(result.step(i++).startsWith("BLOCKED NO_TENANT"), client + " no tenant\n" + result);
            assertEquals("OK OK", result.step(i++), client + " privileged\n" + result);
            assertEquals("migrated", server.get(globex("admin-" + client)));
        }
        assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to SUBSCRIBE " + globex("ch")),
                result.toString());
        assertTrue(result.step(i++).startsWith("BLOCKED UNSCOPED_QUERY tenant acme tried to PSUBSCRIBE tenant:*"),
                result.toString());
        assertEquals("OK subscribed", result.step(i++), result.toString());
        for (String client : List.of("jedis", "lettuce")) {
            assertTrue(result.step(i++).startsWith("BLOCKED UNSCOPED_QUERY tenant acme tried to DEBUG command DEBUG without"
                    + " restricting it to its tenant: could not be verified"), client + ": an unknown command\n" + result);
        }
        assertTrue(result.step(i++).startsWith("BLOCKED UNSCOPED_QUERY tenant acme tried to KEYS *"), result.toString());
        assertTrue(result.step(i++).startsWith("BLOCKED UNSCOPED_QUERY tenant acme tried to KEYS tenant:globex:*"),
                result.toString());
    }

    @Test
    void reportModeLetsEachCrossingThroughAndRecordsItOnce() throws Exception {
        List<String> steps = new ArrayList<>();
        for (String client : CLIENTS) {
            steps.add(client + "|acme|SET|" + globex(client) + " reported");
        }

        ForkedJvm.Result result = run("report", steps);

        for (int i = 0; i < CLIENTS.size(); i++) {
            assertEquals("OK OK", result.step(i), CLIENTS.get(i) + "\n" + result);
            assertEquals("reported", server.get(globex(CLIENTS.get(i))), "report mode lets the command run");
        }
        List<String> lines = Files.readAllLines(root.resolve("violations.jsonl"));
        assertEquals(CLIENTS.size(), lines.size(), "one line per crossing command:\n" + String.join("\n", lines));
        for (int i = 0; i < CLIENTS.size(); i++) {
            String line = lines.get(i);
            assertTrue(line.contains("\"family\":\"redis\""), line);
            assertTrue(line.contains("\"operation\":\"SET\""), line);
            assertTrue(line.contains("\"resource\":\"" + globex(CLIENTS.get(i)) + "\""), line);
            assertTrue(line.contains("\"resourceTenant\":\"globex\""), line);
            assertTrue(line.contains("\"rule\":\"redis.keys tenant:{tenant}:**\""), line);
            assertTrue(line.contains("\"action\":\"REPORTED\""), line);
            assertTrue(line.contains("\"callSite\":\"com.example.probe.RedisRoutesApp."), "the application's frame, not the client's: " + line);
            assertTrue(line.endsWith("\"count\":1}"), line);
        }
    }

    private ForkedJvm.Result run(String mode, List<String> steps) throws Exception {
        Path policy = Files.writeString(root.resolve("tenant-guard.yaml"), "mode: " + mode + "\n"
                + "redis:\n"
                + "  keys:\n"
                + "    - \"tenant:{tenant}:**\"\n"
                + "    - \"session:*:{tenant}\"\n"
                + "report:\n"
                + "  jsonl: " + root.resolve("violations.jsonl") + "\n");
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                RedisRoutesApp.class.getName(), steps, ForkedJvm.testJars("lettuce", "jedis", "netty", "reactor",
                        "reactive-streams", "commons-pool2", "slf4j-api", "gson", "json"));
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
