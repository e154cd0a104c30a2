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
 * Outbound HTTP under the real agent in enforce mode, against a real server on 127.0.0.1 that
 * counts what reaches it: a blocked request never arrives.
 */
class HttpEnforcementIT {
    @TempDir
    Path root;
    LoopbackServer server;
    String base;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer(path -> path.endsWith("/redirect") ? "/v1/tenants/globex/target" : null);
        base = server.base();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void ownTenantsEndpointsAnswerAndOtherTenantsEndpointsAreNeverReached() throws Exception {
        List<String> steps = new ArrayList<>();
        for (String client : HttpClientsUnderTest.ALL) {
            for (String method : List.of("GET", "POST")) {
                steps.add(client + "|acme|" + method + "|" + base + "/v1/tenants/acme/" + client + "-" + method);
                steps.add(client + "|acme|" + method + "|" + base + "/v1/tenants/globex/" + client + "-" + method);
            }
        }
        steps.add("send|acme|GET|" + base + "/v1/tenants/acme/../globex/dots");
        steps.add("urlconnection|acme|GET|" + base + "/v1/tenants/acme/%2e%2e/globex/encoded");
        steps.add("send|-|GET|" + base + "/v1/tenants/globex/no-tenant");
        steps.add("send|acme|GET|" + base + "/health");
        steps.add("urlconnection|acme|GET|" + base + "/v1/tenants/acme/redirect");
        steps.add("send|acme|GET|" + base + "/v1/tenants/acme/redirect");
        steps.add("send|acme|GET|https://GLOBEX.api.example.com./orders");
        for (String client : HttpClientsUnderTest.LIBRARIES) {
            steps.add(client + "|acme|GET|" + base + "/v1/tenants/acme/" + client + "/redirect");
            steps.add(client + "|acme|GET|https://acme.api.example.com@GLOBEX.api.example.com./" + client);
        }

        ForkedJvm.Result result = run(steps);

        int i = 0;
        for (String client : HttpClientsUnderTest.ALL) {
            for (String method : List.of("GET", "POST")) {
                assertEquals("OK 200", result.step(i++), client + " " + method + " own tenant\n" + result);
                assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to " + method), result.toString());
                assertEquals(0, server.received("/v1/tenants/globex/" + client + "-" + method), "a blocked request arrived");
            }
        }
        assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT"), "dot segments: " + result);
        assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT"), "encoded dots: " + result);
        assertTrue(result.step(i++).startsWith("BLOCKED NO_TENANT"), result.toString());
        assertEquals("OK 200", result.step(i++), "a URL under no rule: " + result);
        assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT"), "a redirect to another tenant: " + result);
        assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT"), "a redirect HttpClient follows: " + result);
        assertEquals(0, server.received("/v1/tenants/globex/target"), "the redirect was not followed");
        assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to GET https://globex.api.example.com/orders"),
                "upper-case host with a trailing dot: " + result);
        for (String client : HttpClientsUnderTest.LIBRARIES) {
            assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to GET " + base
                    + "/v1/tenants/globex/target"), client + " following a redirect to another tenant: " + result);
            assertEquals(1, server.received("/v1/tenants/acme/" + client + "/redirect"), client);
            String userInfo = result.step(i++);
            // HttpClient 5 refuses user-info in a request URI by itself, before its exec chain
            assertTrue(userInfo.startsWith("BLOCKED CROSS_TENANT tenant acme tried to GET https://globex.api.example.com/")
                    || client.startsWith("apache5") && userInfo.contains("deprecated userinfo"),
                    client + ": user-info naming the own tenant before the real host: " + result);
        }
        assertEquals(0, server.received("/v1/tenants/globex/target"), "a redirect to another tenant was followed");
        assertEquals(0, server.received("/v1/tenants/globex/dots"));
        assertEquals(0, server.received("/v1/tenants/globex/encoded"));
        assertEquals(0, server.received("/v1/tenants/globex/no-tenant"));
    }

    private ForkedJvm.Result run(List<String> steps) throws Exception {
        Path policy = Files.writeString(root.resolve("tenant-guard.yaml"), "mode: enforce\n"
                + "http:\n"
                + "  rules:\n"
                + "    - " + base + "/v1/tenants/{tenant}/**\n"
                + "    - https://{tenant}.api.example.com/**\n");
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of("-Dsun.net.httpserver.nodelay=true"),
                Map.of(), HttpRoutesApp.class.getName(), steps, HttpClientsUnderTest.libraryJars());
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
