package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.LibraryVersionApp;
import java.io.IOException;
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
 * A library whose version lacks the method the agent checks it at, under the real agent jar: an
 * OkHttp, a Jedis and a RabbitMQ client of a shape the agent does not know (compiled here into
 * {@code incomplete-clients-0.1.jar}), each with one method of its own that reaches the server over
 * a plain socket. In {@code enforce} no object of them can be made — the request never reaches the
 * HTTP server, the key is never written to Redis — with a sentence naming the class and its jar; in
 * {@code report} they work and each class is reported once.
 */
class UnverifiedLibraryIT {
    private static final String JAR = "incomplete-clients-0.1.jar";

    @TempDir
    Path root;
    LoopbackServer http;
    Jedis redis;
    String key;

    @BeforeEach
    void start() throws IOException {
        RealDatabase.require("Redis", 6379);
        http = new LoopbackServer(path -> null);
        redis = new Jedis("127.0.0.1", 6379);
        key = "tenant:acme:" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() {
        redis.del(key);
        redis.close();
        http.close();
    }

    @Test
    void enforceRefusesEveryObjectOfAnUnknownVersionAndNothingReachesTheServers() throws Exception {
        ForkedJvm.Result result = run("enforce");
        for (int step = 0; step < 4; step++) {
            assertTrue(result.step(step).startsWith("BLOCKED NOT_VERIFIED tenant acme tried to use "), result.toString());
        }
        assertEquals("BLOCKED NOT_VERIFIED tenant acme tried to use okhttp3.OkHttpClient (" + JAR + "), which could not"
                + " be verified: this version of OkHttp has no method the agent checks it at, so its calls cannot be"
                + " checked", result.step(0));
        assertTrue(result.step(2).contains("redis.clients.jedis.Connection (" + JAR + ")"), result.step(2));
        assertTrue(result.step(3).contains("com.rabbitmq.client.impl.ChannelN (" + JAR + ")"), result.step(3));
        assertEquals(0, http.received("/v1/tenants/acme/orders"));
        assertFalse(redis.exists(key), "the key was written");
        assertTrue(result.stderr().contains("okhttp3.OkHttpClient (" + JAR + ") has no method the agent expects"),
                result.stderr());
        assertRecorded("BLOCKED");
    }

    @Test
    void reportLetsThemWorkAndReportsEachClassOnce() throws Exception {
        ForkedJvm.Result result = run("report");
        assertEquals("200", result.step(0), result.toString());
        assertEquals("200", result.step(1));
        assertEquals("+OK", result.step(2));
        assertEquals("MADE", result.step(3));
        assertEquals(2, http.received("/v1/tenants/acme/orders"));
        assertEquals("acme", redis.get(key));
        assertRecorded("REPORTED");
    }

    /** One record per class, for the two OkHttp clients made too: in the family of the library. */
    private void assertRecorded(String action) throws IOException {
        List<String> lines = Files.readAllLines(root.resolve("violations.jsonl")).stream()
                .filter(line -> line.contains("\"kind\":\"NOT_VERIFIED\"") && line.contains("\"count\":1}")).toList();
        String all = String.join("\n", lines);
        assertEquals(3, lines.size(), all);
        assertOne(lines, "okhttp3.OkHttpClient", "http", action);
        assertOne(lines, "redis.clients.jedis.Connection", "redis", action);
        assertOne(lines, "com.rabbitmq.client.impl.ChannelN", "messaging", action);
    }

    private static void assertOne(List<String> lines, String type, String family, String action) {
        List<String> found = lines.stream().filter(line -> line.contains("\"resource\":\"" + type + " (" + JAR + ")\""))
                .toList();
        assertEquals(1, found.size(), String.join("\n", lines));
        assertTrue(found.get(0).contains("\"family\":\"" + family + "\""), found.get(0));
        assertTrue(found.get(0).contains("\"action\":\"" + action + "\""), found.get(0));
        assertTrue(found.get(0).contains("\"activeTenant\":\"acme\""), found.get(0));
    }

    private ForkedJvm.Result run(String mode) throws Exception {
        Path policy = Files.writeString(root.resolve("tenant-guard.yaml"), "mode: " + mode + "\n"
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
        String port = http.base().substring(http.base().lastIndexOf(':') + 1);
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                LibraryVersionApp.class.getName(), List.of(
                        "okhttp-get|127.0.0.1|" + port + "|/v1/tenants/acme/orders",
                        "okhttp-get|127.0.0.1|" + port + "|/v1/tenants/acme/orders",
                        "jedis-set|127.0.0.1|6379|" + key + "|acme",
                        "rabbit"),
                incompleteClients().toString());
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    /** The clients' classes, compiled from the sources below into a jar whose name stands for their version. */
    private Path incompleteClients() throws IOException {
        return ClientJars.compile(root, JAR, null, Map.of(
                "okhttp3/OkHttpClient.java", OKHTTP,
                "redis/clients/jedis/Connection.java", JEDIS,
                "com/rabbitmq/client/impl/ChannelN.java", RABBIT));
    }

    /** No newCall(Request): its one way to send is a GET on a socket of its own. */
    private static final String OKHTTP = """
            package okhttp3;
            public class OkHttpClient {
                public int get(String host, int port, String path) throws java.io.IOException {
                    try (java.net.Socket socket = new java.net.Socket(host, port)) {
                        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\\r\\nHost: " + host
                                + "\\r\\nConnection: close\\r\\n\\r\\n").getBytes());
                        String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()))
                                .readLine();
                        return Integer.parseInt(status.split(" ")[1]);
                    }
                }
            }
            """;

    /** No sendCommand(CommandArguments): a SET written on a socket of its own. */
    private static final String JEDIS = """
            package redis.clients.jedis;
            public class Connection {
                public String set(String host, int port, String key, String value) throws java.io.IOException {
                    try (java.net.Socket socket = new java.net.Socket(host, port)) {
                        socket.getOutputStream().write(("*3\\r\\n$3\\r\\nSET\\r\\n$" + key.length() + "\\r\\n" + key
                                + "\\r\\n$" + value.length() + "\\r\\n" + value + "\\r\\n").getBytes());
                        return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()))
                                .readLine();
                    }
                }
            }
            """;

    /** No basicPublish. */
    private static final String RABBIT = """
            package com.rabbitmq.client.impl;
            public class ChannelN {
            }
            """;
}
