package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.inbound.JdkServerApp;
import com.example.probe.inbound.JettyServerApp;
import com.example.probe.inbound.MdcSimpleProvider;
import com.example.probe.inbound.TomcatServerApp;
import dev.tenantguard.agent.carrier.TenantSignature;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tenant of an inbound request, derived by the agent on three real servers — the JDK
 * HttpServer, Jetty 12 (jakarta servlet) and Tomcat 9 (javax servlet) — from each source of
 * {@code tenant.from}; the request scope closes after each request (the next request on the same
 * worker thread starts clean); cross-tenant calls inside the handler are blocked with the
 * request's tenant as {@code activeTenant}.
 */
class InboundSourcesIT {
    private static final String KEY = "a-shared-secret-of-the-services";

    @TempDir
    Path root;
    LoopbackServer outbound;

    @BeforeEach
    void start() throws Exception {
        outbound = new LoopbackServer(path -> null);
        Files.createDirectories(root.resolve("tenants/globex"));
        Files.writeString(root.resolve("tenants/globex/data.txt"), "globex's data");
    }

    @AfterEach
    void stop() {
        outbound.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "jetty", "tomcat"})
    void eachSourceGivesTheTenantAndTheScopeEndsWithTheRequest(String server) throws Exception {
        List<String> steps = new ArrayList<>(List.of(
                "GET|/plain|X-Tenant-ID=acme~X-Do=file,http,jdbc",
                "GET|/plain|Host=globex.app.example.com:8080",
                "GET|/t/acme/orders|",
                "GET|/plain|Authorization=Bearer " + jwt("{\"sub\":\"u1\",\"tenant_id\":\"globex\",\"roles\":[\"a\",{\"b\":1}]}"),
                "GET|/plain|baggage=k=v,tenant=acme;p=1",
                "GET|/plain|",
                "GET|/plain|X-Tenant-ID=Not A Tenant",
                "GET|/plain|X-Do=leak",
                "GET|/plain|",
                "GET|/plain|X-Tenant-ID=acme~X-Do=switch",
                "GET|/plain|X-Tenant-ID=acme~X-Do=throw",
                "GET|/plain|",
                "GET|/plain|X-Mdc-Tenant=globex",
                "GET|/t/globex/first|X-Tenant-ID=acme"));
        if (!server.equals("jdk")) {
            steps.add("GET|/plain|X-Tenant-ID=acme~X-Do=async");
            steps.add("GET|/t/globex/x|X-Do=dispatch");
        }

        ForkedJvm.Result result = run(server, "tenant:\n"
                + "  mdcKey: tenantId\n"
                + "  from:\n"
                + "    - header\n"
                + "    - {subdomain: \"{tenant}.app.example.com\"}\n"
                + "    - {path: \"/t/{tenant}/**\"}\n"
                + "    - {jwtClaim: tenant_id}\n"
                + "    - baggage\n", steps);

        String own = result.step(0);
        assertTrue(own.startsWith("200 tenant=acme filter=acme mdc=acme "), own + "\n" + result);
        assertTrue(own.contains(" file=BLOCKED:CROSS_TENANT:active=acme"), own);
        assertTrue(own.contains(" http=BLOCKED:CROSS_TENANT:active=acme"), own);
        assertTrue(own.contains(" jdbc=BLOCKED:CROSS_TENANT:active=acme"), own);
        assertEquals(0, outbound.received("/tenants/globex/data"), "a blocked outbound request arrived");

        assertTrue(result.step(1).startsWith("200 tenant=globex filter=globex mdc=globex"), result.step(1));
        assertTrue(result.step(2).startsWith("200 tenant=acme filter=acme"), result.step(2));
        assertTrue(result.step(3).startsWith("200 tenant=globex filter=globex"), result.step(3));
        assertTrue(result.step(4).startsWith("200 tenant=acme filter=acme"), result.step(4));
        assertTrue(result.step(5).startsWith("200 tenant=none filter=none mdc=none"), result.step(5));

        assertTrue(result.step(6).startsWith("200 tenant=none filter=none"), "an invalid id is not used: " + result.step(6));

        assertTrue(result.step(7).startsWith("200 tenant=none") && result.step(7).endsWith("leaked=acme"), result.step(7));
        assertTrue(result.step(8).startsWith("200 tenant=none filter=none"), "the leak was cleared: " + result.step(8));
        assertEquals(thread(result.step(7)), thread(result.step(8)), "same worker thread\n" + result);

        assertTrue(result.step(9).startsWith("200 tenant=acme")
                && result.step(9).endsWith("switch=BLOCKED:TENANT_SWITCH:active=acme"), result.step(9));

        assertTrue(result.step(10).startsWith("500"), result.step(10));
        assertTrue(result.step(11).startsWith("200 tenant=none filter=none mdc=none"),
                "the scope closed though the handler threw: " + result.step(11));
        assertEquals(thread(result.step(8)), thread(result.step(11)), "same worker thread\n" + result);

        assertTrue(result.step(12).startsWith("200 tenant=globex filter=none mdc=globex"),
                "the tenant a filter put into the MDC: " + result.step(12));
        assertTrue(result.step(13).startsWith("200 tenant=acme"), "first source wins: " + result.step(13));
        if (!server.equals("jdk")) {
            assertTrue(result.step(14).startsWith("200 async tenant=acme filter=none mdc=acme"),
                    "AsyncContext.start runs with the request's tenant: " + result.step(14));
            assertTrue(result.step(15).startsWith("200 dispatched tenant=globex"),
                    "an async dispatch keeps the request's tenant: " + result.step(15));
        }

        List<String> lines = Files.readAllLines(PolicyFiles.jsonl(root));
        assertTrue(has(lines, "\"kind\":\"CROSS_TENANT\"", "\"family\":\"files\"", "\"activeTenant\":\"acme\"",
                "\"action\":\"BLOCKED\""), String.join("\n", lines));
        assertTrue(has(lines, "\"kind\":\"CROSS_TENANT\"", "\"family\":\"http\"", "\"activeTenant\":\"acme\""),
                String.join("\n", lines));
        assertTrue(has(lines, "\"kind\":\"CROSS_TENANT\"", "\"family\":\"jdbc\"", "\"activeTenant\":\"acme\"",
                "\"action\":\"BLOCKED\""), String.join("\n", lines));
        assertTrue(has(lines, "\"kind\":\"INVALID_TENANT\"", "\"resource\":\"Not A Tenant\"",
                "\"rule\":\"tenant.from header X-Tenant-ID: it does not match tenant.pattern"), String.join("\n", lines));
        assertTrue(has(lines, "\"kind\":\"CONTEXT_LEAK\"", "\"activeTenant\":\"acme\"",
                "was still in context on thread " + thread(result.step(7)) + " after request GET /plain ended"
                        + " (opened at com.example.probe.inbound.RequestWork.handle(RequestWork.java:"),
                String.join("\n", lines));
        assertTrue(has(lines, "\"kind\":\"TENANT_SWITCH\"", "\"activeTenant\":\"acme\"", "\"resourceTenant\":\"globex\"",
                "\"action\":\"BLOCKED\""), String.join("\n", lines));
        assertTrue(result.stderr().contains("inbound tenant from [header, subdomain {tenant}.app.example.com,"
                + " path /t/{tenant}/**, jwtClaim tenant_id, baggage], MDC tenantId"), result.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "jetty", "tomcat"})
    void theQueryParameterIsReadFromTheRawQueryAndAParameterGivenTwiceIsNoTenant(String server) throws Exception {
        List<String> steps = List.of(
                "GET|/plain?page=2&tenant=acme|X-Do=file",
                "GET|/plain?tenant=%67lobex|",
                "GET|/plain?tenant=acme&tenant=globex|X-Do=file",
                "GET|/plain?tenant=|",
                "GET|/plain|");

        ForkedJvm.Result result = run(server, "tenant:\n  from:\n    - {query: tenant}\n", steps);

        assertTrue(result.step(0).startsWith("200 tenant=acme")
                && result.step(0).contains("file=BLOCKED:CROSS_TENANT:active=acme"), result.step(0) + "\n" + result);
        assertTrue(result.step(1).startsWith("200 tenant=globex"), "percent-decoded: " + result.step(1));
        assertTrue(result.step(2).startsWith("200 tenant=none")
                && result.step(2).contains("file=BLOCKED:NO_TENANT:active=none"), "ambiguous: " + result.step(2));
        assertTrue(result.step(3).startsWith("200 tenant=none"), result.step(3));
        assertTrue(result.step(4).startsWith("200 tenant=none"), result.step(4));
        List<String> lines = Files.readAllLines(PolicyFiles.jsonl(root));
        assertTrue(has(lines, "\"kind\":\"INVALID_TENANT\"", "\"resource\":\"acme, globex\"",
                "\"rule\":\"tenant.from query tenant: the query parameter tenant is given 2 times"), String.join("\n", lines));
        assertTrue(has(lines, "\"kind\":\"INVALID_TENANT\"", "the query parameter tenant is empty"),
                String.join("\n", lines));
        assertTrue(result.stderr().contains("inbound tenant from [query tenant]"), result.stderr());
    }

    /**
     * A form post: the tenant parameter in the body is no tenant (only the raw query string is read), and
     * the body is left whole for the application, whose {@code getParameter} reads it after the agent ran.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void theQueryParameterSourceLeavesAFormBodyToTheApplication(String server) throws Exception {
        List<String> steps = List.of(
                "POST|/plain|X-Do=file|tenant=acme",
                "POST|/plain?tenant=acme||tenant=globex");

        ForkedJvm.Result result = run(server, "tenant:\n  from:\n    - {query: tenant}\n", steps);

        assertTrue(result.step(0).startsWith("200 form=acme tenant=none")
                && result.step(0).contains("file=BLOCKED:NO_TENANT:active=none"), result.step(0) + "\n" + result);
        assertTrue(result.step(1).startsWith("200 form=acme,globex tenant=acme"), result.step(1) + "\n" + result);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "jetty", "tomcat"})
    void withASigningKeyOnlyASignedTenantHeaderIsTrusted(String server) throws Exception {
        TenantSignature signature = new TenantSignature(KEY);
        long now = System.currentTimeMillis() / 1000;
        List<String> steps = List.of(
                "GET|/signed/a|X-Tenant-ID=acme~X-Tenant-ID-Signature=" + signature.sign("acme", "GET", "/signed/a", now)
                        + "~X-Do=file",
                "GET|/signed/b|X-Tenant-ID=acme~X-Do=file",
                "GET|/signed/c|X-Tenant-ID=globex~X-Tenant-ID-Signature=" + signature.sign("acme", "GET", "/signed/c", now),
                "GET|/signed/d|X-Tenant-ID=acme~X-Tenant-ID-Signature="
                        + signature.sign("acme", "GET", "/signed/d", now - 3600));

        ForkedJvm.Result result = run(server, "http:\n  signingKey: " + KEY + "\n", steps);

        assertTrue(result.step(0).startsWith("200 tenant=acme")
                && result.step(0).contains("file=BLOCKED:CROSS_TENANT:active=acme"), result.step(0) + "\n" + result);
        assertTrue(result.step(1).startsWith("200 tenant=none")
                && result.step(1).contains("file=BLOCKED:NO_TENANT:active=none"), result.step(1));
        assertTrue(result.step(2).startsWith("200 tenant=none"), result.step(2));
        assertTrue(result.step(3).startsWith("200 tenant=none"), result.step(3));
        List<String> lines = Files.readAllLines(PolicyFiles.jsonl(root));
        String prefix = "\"rule\":\"tenant.from header X-Tenant-ID: http.signingKey is set and the tenant header came with ";
        assertTrue(has(lines, "\"kind\":\"INVALID_TENANT\"", "\"resource\":\"acme\"", prefix + "no signature\""),
                String.join("\n", lines));
        assertTrue(has(lines, "\"kind\":\"INVALID_TENANT\"", "\"resource\":\"globex\"",
                prefix + "a signature that does not match the tenant, method and path\""), String.join("\n", lines));
        assertTrue(has(lines, "\"kind\":\"INVALID_TENANT\"", "\"resource\":\"acme\"", prefix + "a signature older or newer"),
                String.join("\n", lines));
        assertTrue(result.stderr().contains("inbound tenant from [header] (tenant header signed)"), result.stderr());
        assertTrue(!result.stdout().contains(KEY) && !result.stderr().contains(KEY), "the key is never printed");
    }

    private ForkedJvm.Result run(String server, String extra, List<String> steps) throws Exception {
        Path policy = PolicyFiles.write(root, "enforce", extra
                + (extra.startsWith("http:") ? "" : "http:\n")
                + "  rules: [\"" + outbound.base() + "/tenants/{tenant}/**\"]\n"
                + "jdbc:\n  column: tenant_id\n  tables: [orders]\n");
        String main = switch (server) {
            case "jdk" -> JdkServerApp.class.getName();
            case "jetty" -> JettyServerApp.class.getName();
            default -> TomcatServerApp.class.getName();
        };
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy,
                List.of("-Dprobe.root=" + root, "-Dprobe.httpBase=" + outbound.base(), "-Dsun.net.httpserver.nodelay=true",
                        "-Dslf4j.provider=" + MdcSimpleProvider.class.getName()),
                Map.of(), main, steps, serverClassPath());
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    /** The servers and SLF4J from this test's own class path. */
    static String serverClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("jetty") || e.contains("tomcat") || e.contains("jakarta.servlet")
                        || e.contains("slf4j") || e.contains("/h2-"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String jwt(String payload) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    private static String thread(String step) {
        int at = step.indexOf(" thread=");
        return step.substring(at + 8).split(" ")[0];
    }

    private static boolean has(List<String> lines, String... parts) {
        return lines.stream().anyMatch(l -> Arrays.stream(parts).allMatch(l::contains));
    }
}
