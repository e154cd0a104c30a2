package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.HttpRoutesApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule naming the address 127.0.0.1 guards that address however a URL spells it — shortened,
 * one decimal number, zero-padded, IPv4-mapped IPv6, a name that resolves to it — on every
 * client, in both modes, against a real server on 127.0.0.1 that counts what reaches it. A host
 * that cannot be resolved is not verified.
 */
class HttpAddressSpellingsIT {
    /** Spellings every client below reaches 127.0.0.1 with (checked without the agent: see docs/http.md). */
    private static final List<String> SPELLINGS = List.of("127.1", "2130706433", "127.000.000.001", "[::ffff:127.0.0.1]",
            "[::ffff:7f00:1]", "LOCALHOST");

    /** A host name with an escape in it, which java.net.URI keeps no host for: never filtered out as uncovered. */
    private static final List<String> ESCAPED_HOST_CLIENTS = List.of("send", "urlconnection");

    @TempDir
    Path root;
    LoopbackServer server;
    int port;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer(path -> null);
        port = Integer.parseInt(server.base().substring(server.base().lastIndexOf(':') + 1));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> steps() {
        List<String> steps = new ArrayList<>();
        for (String client : HttpClientsUnderTest.ALL) {
            for (String host : SPELLINGS) {
                steps.add(client + "|acme|GET|http://" + host + ":" + port + "/v1/tenants/globex/" + key(client, host));
            }
            steps.add(client + "|acme|GET|http://localhost:" + port + "/v1/tenants/acme/" + client + "-own");
        }
        steps.add("urlconnection|acme|GET|http://0x7f.0.0.1:" + port + "/v1/tenants/acme/unresolvable");
        steps.add("send|acme|GET|http://127.0.0.1:" + port + "/health");
        for (String client : ESCAPED_HOST_CLIENTS) {
            steps.add(client + "|acme|GET|http://127.0.0.%31:" + port + "/v1/tenants/globex/escaped-" + client);
        }
        return steps;
    }

    private static String key(String client, String host) {
        return client + "-" + Integer.toHexString(host.hashCode());
    }

    @Test
    void enforceRefusesEverySpellingOfTheAddressBeforeAByteIsSent() throws Exception {
        ForkedJvm.Result result = run("enforce");

        int i = 0;
        for (String client : HttpClientsUnderTest.ALL) {
            for (String host : SPELLINGS) {
                String outcome = result.step(i++);
                // the JDK HttpClient refuses a URI without a server-based host itself (127.1 has none for java.net.URI)
                boolean refusedByClient = outcome.startsWith("FAILED java.lang.IllegalArgumentException");
                assertTrue(outcome.startsWith("BLOCKED CROSS_TENANT tenant acme tried to GET ") || refusedByClient,
                        client + " " + host + ": " + outcome);
                assertTrue(!refusedByClient || client.equals("send") || client.equals("async"), client + " " + outcome);
                assertEquals(0, server.received("/v1/tenants/globex/" + key(client, host)), client + " " + host + " arrived");
            }
            assertEquals("OK 200", result.step(i++), client + " own tenant through a name: " + result);
            assertEquals(1, server.received("/v1/tenants/acme/" + client + "-own"));
        }
        assertTrue(result.step(i).startsWith("BLOCKED NOT_VERIFIED tenant acme tried to GET http://0x7f.0.0.1:" + port
                + "/v1/tenants/acme/unresolvable, which could not be verified: the address of its host 0x7f.0.0.1 could not be resolved"),
                result.step(i));
        assertEquals(0, server.received("/v1/tenants/acme/unresolvable"));
        assertEquals("OK 200", result.step(++i), "a URL no rule covers: " + result);
        for (String client : ESCAPED_HOST_CLIENTS) {
            String outcome = result.step(++i);
            // HttpClient's request builder refuses a URI without a host before the agent sees it
            assertTrue(outcome.startsWith("BLOCKED ") || client.equals("send")
                    && outcome.startsWith("FAILED java.lang.IllegalArgumentException"), client + " escaped host: " + outcome);
            assertEquals(0, server.received("/v1/tenants/globex/escaped-" + client), client + " escaped host arrived");
        }
    }

    @Test
    void reportLetsEverySpellingThroughAndRecordsIt() throws Exception {
        ForkedJvm.Result result = run("report");

        int i = 0;
        int reached = 0;
        for (String client : HttpClientsUnderTest.ALL) {
            for (String host : SPELLINGS) {
                String outcome = result.step(i++);
                assertTrue(!outcome.startsWith("BLOCKED"), client + " " + host + ": " + outcome);
                reached += server.received("/v1/tenants/globex/" + key(client, host));
            }
            i++;
        }
        assertTrue(reached >= SPELLINGS.size() * HttpClientsUnderTest.ALL.size() - 2 * 2,
                "report mode lets them through: " + reached + "\n" + result);
        String jsonl = Files.readString(root.resolve("violations.jsonl"));
        assertTrue(jsonl.contains("\"kind\":\"CROSS_TENANT\"") && jsonl.contains("\"resourceTenant\":\"globex\""), jsonl);
        assertTrue(jsonl.contains("\"kind\":\"NOT_VERIFIED\""), jsonl);
    }

    private ForkedJvm.Result run(String mode) throws Exception {
        Path policy = Files.writeString(root.resolve("tenant-guard.yaml"), "mode: " + mode + "\n"
                + "http:\n"
                + "  rules:\n"
                + "    - http://127.0.0.1:" + port + "/v1/tenants/{tenant}/**\n"
                + "report:\n"
                + "  jsonl: " + root.resolve("violations.jsonl") + "\n");
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of("-Dsun.net.httpserver.nodelay=true"),
                Map.of(), HttpRoutesApp.class.getName(), steps(), HttpClientsUnderTest.libraryJars());
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
