package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.catalog.SpringCacheApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Spring Cache over Redis under the real agent, against the real Redis on 127.0.0.1:6379: a
 * {@code @Cacheable} key that forgets the tenant is found at the application's cached method — not
 * at Spring's cache interceptor, the CGLIB proxy or the controller that called the service — and in
 * {@code enforce} nothing is stored under it (read by a client in this JVM, which has no agent).
 */
class SpringCacheIT {
    @TempDir
    Path root;
    /** The cache names' prefix of this run: several JVMs share the server. */
    String run;
    Jedis server;

    @BeforeEach
    void connect() {
        RealDatabase.require("Redis", 6379);
        run = "tg" + UUID.randomUUID().toString().substring(0, 8);
        server = new Jedis("127.0.0.1", 6379);
    }

    @AfterEach
    void clean() {
        for (String key : server.keys(run + "-*")) {
            server.del(key);
        }
        server.close();
    }

    @Test
    void reportNamesTheCachedMethodThatForgetsTheTenantOnce() throws Exception {
        ForkedJvm.Result result = run("report");

        assertEquals("OK price-of-SKU-1-for-acme", result.step(0), result.toString());
        assertEquals("OK price-of-SKU-1-for-acme", result.step(1), result.toString());
        assertEquals("OK price-of-SKU-1-for-globex", result.step(2), result.toString());
        assertEquals("OK stock-of-SKU-1-for-acme", result.step(3), "report mode lets the cache work\n" + result);
        assertEquals("OK stock-of-SKU-1-for-acme", result.step(4), result.toString());
        assertTrue(result.stdout().contains("COMPUTED 3"), "two prices and one stock computed, the rest from Redis\n"
                + result);
        assertTrue(server.exists(run + "-stock::SKU-1"), "report mode lets the write through");
        assertEquals("OK cleared", result.step(5), result.toString());
        assertFalse(server.exists(run + "-prices::globex:SKU-1"), "report mode lets the clear through");

        List<String> all = Files.readAllLines(root.resolve("violations.jsonl"));
        List<String> clears = all.stream().filter(l -> l.contains("\"callSite\":\"com.example.probe.catalog."
                + "CatalogService.clearPrices(")).toList();
        assertEquals(2, clears.size(), "emptying the cache, at the evicting method:\n" + String.join("\n", all));
        assertTrue(clears.get(0).contains("\"kind\":\"UNSCOPED_QUERY\"") && clears.get(0).contains("\"operation\":\"SCAN\"")
                && clears.get(0).contains("\"resource\":\"" + run + "-prices::*\""),
                "its pattern reaches every tenant's entries: " + clears.get(0));
        assertTrue(clears.get(1).contains("\"kind\":\"CROSS_TENANT\"") && clears.get(1).contains("\"operation\":\"DEL\"")
                && clears.get(1).contains("\"resource\":\"" + run + "-prices::globex:SKU-1\""),
                "report mode let the scan run: deleting globex's entry is a crossing: " + clears.get(1));
        List<String> lines = all.stream().filter(l -> !clears.contains(l)).toList();
        assertFalse(lines.isEmpty(), result.toString());
        for (String line : lines) {
            assertTrue(line.contains("\"family\":\"redis\""), line);
            assertTrue(line.contains("\"kind\":\"CROSS_TENANT\""), line);
            assertTrue(line.contains("\"resource\":\"" + run + "-stock::SKU-1\""), "the correct key never: " + line);
            assertTrue(line.contains("\"rule\":\"redis.keys " + run + "-stock::{tenant}:**\""), line);
            assertTrue(line.contains("\"action\":\"REPORTED\""), line);
            assertTrue(line.contains("\"callSite\":\"com.example.probe.catalog.CatalogService.stock("),
                    "the application's @Cacheable method, not Spring's cache, its proxy or the controller: " + line);
        }
        assertEquals(1, lines.stream().filter(l -> l.endsWith("\"count\":1}")).count(),
                "the lookups and the write at one method are one violation:\n" + String.join("\n", lines));
        assertTrue(lines.get(lines.size() - 1).endsWith("\"count\":3}"), "a miss (GET, SET), then a hit (GET):\n"
                + String.join("\n", lines));
    }

    @Test
    void enforceRefusesTheForgettingKeyAndStoresNothingUnderIt() throws Exception {
        ForkedJvm.Result result = run("enforce");

        assertEquals("OK price-of-SKU-1-for-acme", result.step(0), result.toString());
        assertEquals("OK price-of-SKU-1-for-acme", result.step(1), result.toString());
        assertEquals("OK price-of-SKU-1-for-globex", result.step(2), result.toString());
        for (int step : new int[] {3, 4}) {
            assertTrue(result.step(step).startsWith("BLOCKED CROSS_TENANT tenant acme tried to GET " + run
                    + "-stock::SKU-1"), result.toString());
        }
        assertTrue(result.step(5).startsWith("BLOCKED UNSCOPED_QUERY tenant acme tried to SCAN " + run + "-prices::*"),
                "emptying the cache reaches every tenant's entries\n" + result);
        assertTrue(result.stdout().contains("COMPUTED 2"), "the refused lookup never ran the method\n" + result);
        assertEquals(Boolean.TRUE, server.exists(run + "-prices::acme:SKU-1"), "the correct key is cached");
        assertEquals(Boolean.TRUE, server.exists(run + "-prices::globex:SKU-1"), "the correct key is cached, and"
                + " the refused clear deleted nothing");
        assertFalse(server.exists(run + "-stock::SKU-1"), "a refused key reached the server");
        assertTrue(result.stderr().contains("-stock::SKU-1 owned by tenant SKU-1 (rule redis.keys " + run
                + "-stock::{tenant}:**) at com.example.probe.catalog.CatalogService.stock("),
                "the log names the cached method\n" + result);
    }

    private ForkedJvm.Result run(String mode) throws Exception {
        // Spring's default key is <cache name>::<key>: with ':' as the separator, an empty segment follows the name
        Path policy = Files.writeString(root.resolve("tenant-guard.yaml"), "mode: " + mode + "\n"
                + "redis:\n"
                + "  keys:\n"
                + "    - \"" + run + "-prices::{tenant}:**\"\n"
                + "    - \"" + run + "-stock::{tenant}:**\"\n"
                + "report:\n"
                + "  jsonl: " + root.resolve("violations.jsonl") + "\n");
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                SpringCacheApp.class.getName(), List.of(run), ForkedJvm.testJars("spring-", "micrometer-",
                        "lettuce", "netty", "reactor", "reactive-streams", "slf4j-api", "commons-pool2"));
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
