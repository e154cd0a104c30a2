package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.inbound.JdkServerApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request scope's rules that do not depend on the server, on the JDK HttpServer: a switch in
 * {@code report} mode goes through and is recorded, a privileged one is neither; an empty
 * {@code tenant.from} reads nothing.
 */
class InboundScopeIT {
    @TempDir
    Path root;

    @Test
    void inReportModeASwitchIsRecordedAndGoesThroughAndAPrivilegedOneIsAllowed() throws Exception {
        ForkedJvm.Result result = run("report", "", List.of(
                "GET|/a|X-Tenant-ID=acme~X-Do=switch",
                "GET|/b|X-Tenant-ID=acme~X-Do=privileged",
                "GET|/c|X-Do=leak",
                "GET|/d|"));

        assertTrue(result.step(0).startsWith("200 tenant=acme") && result.step(0).endsWith("switch=OK:switched"),
                result.step(0) + "\n" + result);
        assertTrue(result.step(1).startsWith("200 tenant=acme") && result.step(1).endsWith("privileged=OK:switched"),
                result.step(1));
        assertTrue(result.step(3).startsWith("200 tenant=none"), "the leak was cleared: " + result.step(3));
        List<String> lines = Files.readAllLines(PolicyFiles.jsonl(root));
        assertEquals(1, lines.stream().filter(l -> l.contains("\"kind\":\"TENANT_SWITCH\"")).count(), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"TENANT_SWITCH\"") && l.contains("\"action\":\"REPORTED\"")
                && l.contains("code inside request GET /a of tenant acme switched to tenant globex outside privileged")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"PRIVILEGED\"")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"CONTEXT_LEAK\"") && l.contains("\"action\":\"REPORTED\"")
                && l.contains("after request GET /c ended")), String.join("\n", lines));
    }

    @Test
    void anEmptySourceListReadsNoRequest() throws Exception {
        ForkedJvm.Result result = run("enforce", "tenant:\n  from: []\n", List.of("GET|/a|X-Tenant-ID=acme"));

        assertTrue(result.step(0).startsWith("200 tenant=none"), result.step(0) + "\n" + result);
        assertTrue(result.stderr().contains("; inbound not read;"), result.stderr());
        assertFalse(Files.exists(PolicyFiles.jsonl(root)) && Files.readString(PolicyFiles.jsonl(root)).contains("INBOUND"));
    }

    private ForkedJvm.Result run(String mode, String extra, List<String> steps) throws Exception {
        Path policy = PolicyFiles.write(root, mode, extra);
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy,
                List.of("-Dprobe.root=" + root, "-Dsun.net.httpserver.nodelay=true"), Map.of(),
                JdkServerApp.class.getName(), steps, InboundSourcesIT.serverClassPath());
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
