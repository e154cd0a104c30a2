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
 * A library version that keeps the method the agent checks the library at but changed what the agent
 * reads from its objects, under the real agent jar: an OkHttp whose {@code Request} has no
 * {@code url()} and a Jedis whose {@code CommandArguments} has no {@code getCommand()} (compiled here
 * into {@code unreadable-clients-0.2.jar}, its manifest saying version 0.2), each sending over a plain
 * socket. The agent finds it when the class is loaded, before any request, and says so on stderr
 * naming the member, the jar and the version; in {@code enforce} the first call is refused with that
 * sentence even under {@code onError: failOpen} (nothing reaches the HTTP server or Redis); in
 * {@code report} the calls run and each class is reported once.
 */
class UnreadableLibraryIT {
    private static final String JAR = "unreadable-clients-0.2.jar";
    private static final String ORIGIN = JAR + ", version 0.2";
    private static final String PATH = "/v1/tenants/acme/orders";

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
        key = "tenant:acme:h6-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() {
        redis.del(key);
        redis.close();
        http.close();
    }

    @Test
    void enforceFindsTheLibraryAtClassLoadAndRefusesItsFirstCallWhateverOnErrorSays() throws Exception {
        ForkedJvm.Result result = run("enforce");
        assertSaidAtClassLoad(result);
        assertEquals("BLOCKED NOT_VERIFIED tenant acme tried to use okhttp3.OkHttpClient (" + ORIGIN + "), which could"
                + " not be verified: this version of OkHttp has no okhttp3.Request.url() returning okhttp3.HttpUrl, which"
                + " the agent reads its calls through, so its calls cannot be checked", result.step(0), result.toString());
        assertEquals("BLOCKED NOT_VERIFIED tenant acme tried to use redis.clients.jedis.Connection (" + ORIGIN + "), which"
                + " could not be verified: this version of Jedis has no redis.clients.jedis.CommandArguments.getCommand()"
                + " returning redis.clients.jedis.commands.ProtocolCommand, which the agent reads its calls through, so"
                + " its calls cannot be checked", result.step(1));
        assertEquals(0, http.received(PATH), "the request reached the server");
        assertFalse(redis.exists(key), "the key was written");
        assertRecorded("BLOCKED");
    }

    @Test
    void reportFindsTheLibraryAtClassLoadLetsItsCallsRunAndReportsEachClassOnce() throws Exception {
        ForkedJvm.Result result = run("report");
        assertSaidAtClassLoad(result);
        assertEquals("200", result.step(0), result.toString());
        assertEquals("+OK", result.step(1));
        assertEquals(1, http.received(PATH));
        assertEquals("acme", redis.get(key));
        assertRecorded("REPORTED");
    }

    /** The agent's line for each class is printed as the class loads: before the application's next line. */
    private static void assertSaidAtClassLoad(ForkedJvm.Result result) {
        String stderr = result.stderr();
        assertSaidBefore(stderr, "tenant-guard: okhttp3.OkHttpClient (" + ORIGIN + "): this version of OkHttp has no"
                + " okhttp3.Request.url() returning okhttp3.HttpUrl", "okhttp3.OkHttpClient");
        assertSaidBefore(stderr, "tenant-guard: redis.clients.jedis.Connection (" + ORIGIN + "): this version of Jedis"
                + " has no redis.clients.jedis.CommandArguments.getCommand()", "redis.clients.jedis.Connection");
    }

    private static void assertSaidBefore(String stderr, String line, String type) {
        int loading = stderr.indexOf("APP loading " + type);
        int said = stderr.indexOf(line);
        int loaded = stderr.indexOf("APP loaded " + type);
        assertTrue(loading >= 0 && said > loading && loaded > said, "expected, in this order: APP loading " + type
                + ", the agent's line, APP loaded " + type + "\n" + stderr);
        assertTrue(stderr.indexOf("APP first request " + type) > loaded, stderr);
        assertEquals(said, stderr.lastIndexOf(line), "said once: " + stderr);
    }

    /** One record per class, in the family of the library, whatever onError says. */
    private void assertRecorded(String action) throws IOException {
        List<String> lines = Files.readAllLines(root.resolve("violations.jsonl")).stream()
                .filter(line -> line.contains("\"kind\":\"NOT_VERIFIED\"")).toList();
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertOne(lines, "okhttp3.OkHttpClient", "http", action);
        assertOne(lines, "redis.clients.jedis.Connection", "redis", action);
    }

    private static void assertOne(List<String> lines, String type, String family, String action) {
        List<String> found = lines.stream()
                .filter(line -> line.contains("\"resource\":\"" + type + " (" + ORIGIN + ")\"")).toList();
        assertEquals(1, found.size(), String.join("\n", lines));
        assertTrue(found.get(0).contains("\"family\":\"" + family + "\""), found.get(0));
        assertTrue(found.get(0).contains("\"action\":\"" + action + "\""), found.get(0));
        assertTrue(found.get(0).contains("\"count\":1"), found.get(0));
    }

    private ForkedJvm.Result run(String mode) throws Exception {
        // onError opposite to the mode's default: the refusal of an unverified library does not follow it
        Path policy = Files.writeString(root.resolve("tenant-guard.yaml"), "mode: " + mode + "\n"
                + "onError: " + ("enforce".equals(mode) ? "failOpen" : "failClosed") + "\n"
                + "http:\n"
                + "  rules:\n"
                + "    - " + http.base() + "/v1/tenants/{tenant}/**\n"
                + "redis:\n"
                + "  keys:\n"
                + "    - \"tenant:{tenant}:**\"\n"
                + "report:\n"
                + "  jsonl: " + root.resolve("violations.jsonl") + "\n");
        String port = http.base().substring(http.base().lastIndexOf(':') + 1);
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                LibraryVersionApp.class.getName(), List.of(
                        "okhttp-newcall|127.0.0.1|" + port + "|" + PATH,
                        "jedis-send|127.0.0.1|6379|" + key + "|acme"),
                unreadableClients().toString());
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    /** The clients' classes, compiled from the sources below into a jar whose manifest states its version. */
    private Path unreadableClients() throws IOException {
        return ClientJars.compile(root, JAR, "0.2", Map.of(
                "okhttp3/OkHttpClient.java", OKHTTP_CLIENT,
                "okhttp3/Request.java", OKHTTP_REQUEST,
                "redis/clients/jedis/Connection.java", JEDIS_CONNECTION,
                "redis/clients/jedis/CommandArguments.java", JEDIS_ARGUMENTS));
    }

    /** Has newCall(Request), the method the agent checks OkHttp at: a GET on a socket of its own. */
    private static final String OKHTTP_CLIENT = """
            package okhttp3;
            public class OkHttpClient {
                public Object newCall(Request request) throws java.io.IOException {
                    try (java.net.Socket socket = new java.net.Socket(request.host, request.port)) {
                        socket.getOutputStream().write(("GET " + request.path + " HTTP/1.1\\r\\nHost: " + request.host
                                + "\\r\\nConnection: close\\r\\n\\r\\n").getBytes());
                        String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()))
                                .readLine();
                        return Integer.parseInt(status.split(" ")[1]);
                    }
                }
            }
            """;

    /** No url(): its address is in public fields. */
    private static final String OKHTTP_REQUEST = """
            package okhttp3;
            public class Request {
                public final String host;
                public final int port;
                public final String path;
                public Request(String host, int port, String path) {
                    this.host = host;
                    this.port = port;
                    this.path = path;
                }
                public String method() {
                    return "GET";
                }
            }
            """;

    /** Has sendCommand(CommandArguments), the method the agent checks Jedis at: a SET on a socket of its own. */
    private static final String JEDIS_CONNECTION = """
            package redis.clients.jedis;
            public class Connection {
                public String sendCommand(CommandArguments c) throws java.io.IOException {
                    try (java.net.Socket socket = new java.net.Socket(c.host, c.port)) {
                        socket.getOutputStream().write(("*3\\r\\n$3\\r\\nSET\\r\\n$" + c.key.length() + "\\r\\n" + c.key
                                + "\\r\\n$" + c.value.length() + "\\r\\n" + c.value + "\\r\\n").getBytes());
                        return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()))
                                .readLine();
                    }
                }
            }
            """;

    /** No getCommand(), no args or keys: the command is in public fields. */
    private static final String JEDIS_ARGUMENTS = """
            package redis.clients.jedis;
            public class CommandArguments {
                public final String host;
                public final int port;
                public final String key;
                public final String value;
                public CommandArguments(String host, int port, String key, String value) {
                    this.host = host;
                    this.port = port;
                    this.key = key;
                    this.value = value;
                }
            }
            """;
}
