package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.HttpRoutesApp;
import com.example.probe.inbound.EchoTenantServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed hop between two services that both run the agent with the same {@code http.signingKey}:
 * every client of the calling service signs the tenant it propagates, the called service trusts
 * the tenant header only with a valid signature. A header forged by a caller without the key (or
 * with another key) is not used and is reported as {@code INVALID_TENANT}.
 */
class SignedHopIT {
    private static final String KEY = "the-key-both-services-share";

    @TempDir
    Path root;

    @Test
    void theTenantCrossesASignedHopAndAForgedHeaderDoesNot() throws Exception {
        Path report = root.resolve("server-violations.jsonl");
        Path serverPolicy = Files.writeString(root.resolve("server.yaml"), "mode: enforce\n"
                + "http:\n  signingKey: " + KEY + "\n"
                + "report:\n  jsonl: " + report + "\n");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + ForkedJvm.agentJar() + "=config=" + serverPolicy, "-Dsun.net.httpserver.nodelay=true",
                "-cp", System.getProperty("tgtest.testClasses", "target/test-classes"), EchoTenantServer.class.getName());
        Process server = new ProcessBuilder(command).directory(root.toFile())
                .redirectError(root.resolve("server.err").toFile()).start();
        List<String> seen = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("PORT "), "the server did not start: " + first + "\n"
                    + Files.readString(root.resolve("server.err")));
            String base = "http://127.0.0.1:" + first.substring(5);

            List<String> steps = new ArrayList<>();
            for (String client : HttpClientsUnderTest.ALL) {
                steps.add(client + "|acme|GET|" + base + "/signed/" + client);
            }
            steps.add("send|acme|POST|" + base + "/signed-post");
            ForkedJvm.Result signed = caller("http:\n  signingKey: " + KEY + "\n", steps);
            ForkedJvm.Result otherKey = caller("http:\n  signingKey: not-the-key-of-these-services\n",
                    List.of("send|globex|GET|" + base + "/other-key"));
            HttpResponse<String> forged = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create(base + "/forged")).header("X-Tenant-ID", "globex").build(),
                    HttpResponse.BodyHandlers.ofString());
            for (int i = 0; i < steps.size(); i++) {
                assertEquals("OK 200", signed.step(i), signed.toString());
            }
            assertEquals("OK 200", otherKey.step(0), otherKey.toString());
            assertEquals(200, forged.statusCode());

            server.getOutputStream().close();
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server did not stop");
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                seen.add(line);
            }
        } finally {
            server.destroyForcibly();
        }
        String stderr = Files.readString(root.resolve("server.err"));
        for (String client : HttpClientsUnderTest.ALL) {
            assertTrue(seen.contains("SEEN /signed/" + client + " acme"), client + " " + seen + "\n" + stderr);
        }
        assertTrue(seen.contains("SEEN /signed-post acme"), seen.toString());
        assertTrue(seen.contains("SEEN /other-key none"), "signed with another key: not trusted " + seen);
        assertTrue(seen.contains("SEEN /forged none"), "no signature: not trusted " + seen);
        String violations = Files.readString(report);
        assertEquals(2, violations.lines().filter(l -> l.contains("\"kind\":\"INVALID_TENANT\"")).count(), violations);
        assertTrue(violations.contains("came with a signature that does not match the tenant, method and path")
                && violations.contains("came with no signature"), "the other key's, then the unsigned header: " + violations);
        assertTrue(!stderr.contains(KEY), "the key is never printed");
    }

    private static ForkedJvm.Result caller(String http, List<String> steps) throws Exception {
        Path dir = Files.createTempDirectory("signed-hop-caller");
        Path policy = Files.writeString(dir.resolve("tenant-guard.yaml"), "mode: enforce\n" + http);
        return ForkedJvm.run(dir, "config=" + policy, List.of(), Map.of(), HttpRoutesApp.class.getName(), steps,
                HttpClientsUnderTest.libraryJars());
    }
}
