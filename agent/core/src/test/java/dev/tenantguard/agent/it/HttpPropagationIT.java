package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.HttpRoutesApp;
import dev.tenantguard.agent.carrier.TenantSignature;
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
 * The tenant travels with every outbound request, under no URL rule at all: a real server on
 * 127.0.0.1 records the {@code X-Tenant-ID} and {@code baggage} lines each path received.
 */
class HttpPropagationIT {
    private static final List<String> CLIENTS = HttpClientsUnderTest.ALL;

    @TempDir
    Path root;
    LoopbackServer server;
    String base;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer(path -> path.contains("/redirect-") ? path.replace("/redirect-", "/redirected-") : null);
        base = server.base();
    }

    @AfterEach
    void stop() {
        server.close();
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
            assertEquals("[acme]", server.tenantHeader("/own/" + client), client);
            assertEquals("[tenant=acme]", server.baggage("/own/" + client), client);

            assertEquals("OK 200", result.step(i++), client + "\n" + result);
            assertEquals("[acme]", server.tenantHeader("/post/" + client), client);

            assertEquals("OK 200", result.step(i++), client + "\n" + result);
            assertEquals("[acme]", server.tenantHeader("/merged/" + client), client);
            assertEquals("[k=v,tenant=acme]", server.baggage("/merged/" + client), client + ": the other member is kept,"
                    + " the application's tenant member replaced");

            assertTrue(result.step(i++).startsWith("BLOCKED CROSS_TENANT tenant acme tried to GET " + base
                    + "/conflict/" + client + " owned by tenant globex (rule tenant.header X-Tenant-ID)"), client + "\n" + result);
            assertNull(server.tenantHeader("/conflict/" + client), client + ": a blocked request arrived");

            assertEquals("OK 200", result.step(i++), client + "\n" + result);
            assertEquals("[acme]", server.tenantHeader("/same/" + client), client + ": the header once");

            assertEquals("OK 200", result.step(i++), client + "\n" + result);
            assertEquals("none", server.tenantHeader("/none/" + client), client + ": no tenant, no header");
            assertEquals("none", server.baggage("/none/" + client), client);

            assertEquals("OK 200", result.step(i++), client + "\n" + result);
            assertEquals("[acme]", server.tenantHeader("/redirect-get/" + client), client);
            assertEquals("[acme]", server.tenantHeader("/redirected-get/" + client), client + ": the redirect re-sends it once");
            assertEquals("[tenant=acme]", server.baggage("/redirected-get/" + client), client);
        }
        // HttpURLConnection turns a redirected POST into a GET and drops every header the
        // application set (requests = new MessageHeader()): the tenant's too; the JDK's behaviour
        assertEquals("OK 200", result.step(i++), result.toString());
        assertEquals("[acme]", server.tenantHeader("/redirect-post/urlconnection"));
        assertEquals("none", server.tenantHeader("/redirected-post/urlconnection"));
        assertTrue(result.stderr().contains("tenant propagated as X-Tenant-ID and baggage"), result.toString());
    }

    @Test
    void withASigningKeyEveryClientSignsTheTenantForTheMethodAndPathItSends() throws Exception {
        List<String> steps = new ArrayList<>();
        for (String client : CLIENTS) {
            steps.add(client + "|acme|GET|" + base + "/signed/" + client);
            steps.add(client + "|acme|POST|" + base + "/signed-post/" + client);
            steps.add(client + "|-|GET|" + base + "/unsigned/" + client);
        }

        ForkedJvm.Result result = run("http:\n  signingKey: a-secret-the-services-share\n", steps);

        TenantSignature verifier = new TenantSignature("a-secret-the-services-share");
        long now = System.currentTimeMillis() / 1000;
        int i = 0;
        for (String client : CLIENTS) {
            for (String path : List.of("/signed/" + client, "/signed-post/" + client)) {
                assertEquals("OK 200", result.step(i++), client + "\n" + result);
                String signature = server.signature(path);
                assertEquals(TenantSignature.Verdict.VALID,
                        verifier.verify("acme", server.method(path), path, signature, now), client + " " + path + ": " + signature);
                assertEquals(TenantSignature.Verdict.MISMATCH,
                        verifier.verify("globex", server.method(path), path, signature, now), "bound to the tenant");
            }
            assertEquals("OK 200", result.step(i++), client + "\n" + result);
            assertEquals("none", server.signature("/unsigned/" + client), client + ": no tenant, nothing to sign");
        }
        assertTrue(result.stderr().contains("signed in X-Tenant-ID-Signature"), result.toString());
        assertTrue(!result.stderr().contains("a-secret-the-services-share") && !result.stdout().contains("a-secret"),
                "the key is never printed");
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
            assertEquals("none", server.tenantHeader("/off/" + CLIENTS.get(i)), CLIENTS.get(i));
            assertEquals("none", server.baggage("/off/" + CLIENTS.get(i)), CLIENTS.get(i));
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
            assertEquals("[globex]", server.tenantHeader("/reported/" + client), client + ": the application's header");
            assertEquals("[k=v]", server.baggage("/reported/" + client), client + ": no contradicting tenant member");
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
                Map.of(), HttpRoutesApp.class.getName(), steps, HttpClientsUnderTest.libraryJars());
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
