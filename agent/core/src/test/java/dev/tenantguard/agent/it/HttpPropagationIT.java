package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.HttpRoutesApp;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tenant travels with every outbound request, under no URL rule at all: a real server on
 * 127.0.0.1 records the {@code X-Tenant-ID} and {@code baggage} lines each path received.
 */
class HttpPropagationIT {
    private static final List<String> CLIENTS = List.of("send", "async", "urlconnection");

    @TempDir
    Path root;
    HttpServer server;
    /** Path → the X-Tenant-ID lines received (all of them), "none" when there were none. */
    final Map<String, String> tenantHeaders = new ConcurrentHashMap<>();
    /** Path → the baggage lines received. */
    final Map<String, String> baggage = new ConcurrentHashMap<>();
    String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            List<String> tenant = exchange.getRequestHeaders().get("X-Tenant-ID");
            List<String> bag = exchange.getRequestHeaders().get("baggage");
            tenantHeaders.put(path, tenant == null ? "none" : String.valueOf(tenant));
            baggage.put(path, bag == null ? "none" : String.valueOf(bag));
            exchange.getRequestBody().readAllBytes();
            if (path.contains("/redirect-")) {
                exchange.getResponseHeaders().add("Location", base + path.replace("/redirect-", "/redirected-"));
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void everyClientCarriesTheTenantToAnyHostAndMergesBaggage() throws Exception {
        List<String> steps = new ArrayList<>();
        for (String client : CLIENTS) {
            steps.add(client + "|acme|GET|" + base + "/own/" + client);
            steps.add(client + "|acme|POST|" + base + "/post/" + client);
            steps.add(client + "|acme|GET|" + base + "/merged/" + client + "|baggage=k=v,tenant=globex;X-Other=1");
            steps.add(client + "|acme|GET|" + base + "/conflict/" + client + "|X-Tenant-ID=globex");
            steps.add(client + "|acme|GET|" + base + "/same/" + client + "|x-tenant-id=acme");
            steps.add(client + "|-|GET|" + base + "/none/" + client);
            steps.add(client + "|acme|GET|" + base + "/redirect-get/" + client);
        }
        steps.add("urlconnection|acme|POST|" + base + "/redirect-post/urlconnection");

        ForkedJvm.Result result = run("", steps);

        int i = 0;
        for (String client : CLIENTS) {
            assertEquals("OK 200", result.step(i++), client + "\n" + result);
            assertEquals("[acme]", tenantHeaders.get("/own/" + client), client);
            assertEquals("[tenant=acme]", baggage.get("/own/" + client), client);

            assertEquals("OK 200", result.step(i++), client + "\n" + result);
            assertEquals("[acme]", tenantHeaders.get("/post/" + client), client);

            assertEquals("OK 200", result.step(i++), client + "\n" + result);
            assertEquals("[acme]", tenantHeaders.get("/merged/" + client), client);
            assertEquals("[k=v,tenant=acme]", baggage.get("/merged/" + client), client + ": the other member is kept,"
                    + " the application's tenant member replaced");

            assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to GET " + base
                    + "/conflict/" + client + " owned by tenant globex (rule tenant.header X-Tenant-ID)"), client + "\n" + result);
            assertNull(tenantHeaders.get("/conflict/" + client), client + ": a blocked request arrived");

            assertEquals("OK 200", result.step(i++), client + "\n" + result);
            assertEquals("[acme]", tenantHeaders.get("/same/" + client), client + ": the header once");

            assertEquals("OK 200", result.step(i++), client + "\n" + result);
            assertEquals("none", tenantHeaders.get("/none/" + client), client + ": no tenant, no header");
            assertEquals("none", baggage.get("/none/" + client), client);

            assertEquals("OK 200", result.step(i++), client + "\n" + result);
            assertEquals("[acme]", tenantHeaders.get("/redirect-get/" + client), client);
            assertEquals("[acme]", tenantHeaders.get("/redirected-get/" + client), client + ": the redirect re-sends it once");
            assertEquals("[tenant=acme]", baggage.get("/redirected-get/" + client), client);
        }
        // HttpURLConnection turns a redirected POST into a GET and drops every header the
        // application set (requests = new MessageHeader()): the tenant's too; the JDK's behaviour
        assertEquals("OK 200", result.step(i++), result.toString());
        assertEquals("[acme]", tenantHeaders.get("/redirect-post/urlconnection"));
        assertEquals("none", tenantHeaders.get("/redirected-post/urlconnection"));
        assertTrue(result.stderr().contains("tenant propagated as X-Tenant-ID and baggage"), result.toString());
    }

    @Test
    void propagateFalseAddsNothing() throws Exception {
        List<String> steps = new ArrayList<>();
        for (String client : CLIENTS) {
            steps.add(client + "|acme|GET|" + base + "/off/" + client);
        }

        ForkedJvm.Result result = run("http:\n  propagate: false\n", steps);

        for (int i = 0; i < CLIENTS.size(); i++) {
            assertEquals("OK 200", result.step(i), result.toString());
            assertEquals("none", tenantHeaders.get("/off/" + CLIENTS.get(i)), CLIENTS.get(i));
            assertEquals("none", baggage.get("/off/" + CLIENTS.get(i)), CLIENTS.get(i));
        }
        assertTrue(result.stderr().contains("http not guarded"), result.toString());
    }

    @Test
    void inReportModeAConflictingHeaderIsReportedOnceAndSentAsWritten() throws Exception {
        List<String> steps = new ArrayList<>();
        for (String client : CLIENTS) {
            steps.add(client + "|acme|POST|" + base + "/reported/" + client + "|X-Tenant-ID=globex;baggage=k=v");
        }

        ForkedJvm.Result result = run("http:\n  mode: report\n", steps);

        for (int i = 0; i < CLIENTS.size(); i++) {
            String client = CLIENTS.get(i);
            assertEquals("OK 200", result.step(i), result.toString());
            assertEquals("[globex]", tenantHeaders.get("/reported/" + client), client + ": the application's header");
            assertEquals("[k=v]", baggage.get("/reported/" + client), client + ": no contradicting tenant member");
            // HttpURLConnection: getOutputStream, then getResponseCode -> getInputStream -> connect;
            // only the first trigger, before connecting, looks at the headers
            assertEquals(1, result.stderr().lines()
                    .filter(l -> l.contains("CROSS_TENANT REPORTED") && l.contains("/reported/" + client + " ")).count(),
                    client + "\n" + result);
        }
    }

    private ForkedJvm.Result run(String http, List<String> steps) throws Exception {
        Path policy = Files.writeString(root.resolve("tenant-guard.yaml"), "mode: enforce\n" + http);
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of("-Dsun.net.httpserver.nodelay=true"),
                Map.of(), HttpRoutesApp.class.getName(), steps);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
