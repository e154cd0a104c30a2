package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.FileRoute;
import com.example.probe.FileRoutesApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM made of java.base alone (as a jlink image or {@code --limit-modules} makes it): no
 * java.net.http, no jdk.httpserver, no java.sql, no java.management. The agent starts with its
 * default policy (HTTP propagation and inbound requests on) and guards what this JVM can do.
 */
class MinimalJvmIT {
    @TempDir
    Path root;

    @Test
    void theAgentStartsAndGuardsFilesInAJvmWithoutTheOptionalModules() throws Exception {
        Path policy = PolicyFiles.write(root, "enforce", "");
        List<RouteFixtures.Case> cases = new RouteFixtures(root).ownAndCrossingCases().stream()
                .filter(c -> c.route() == FileRoute.FILE_INPUT_STREAM || c.route() == FileRoute.FILES_READ_ALL_BYTES)
                .toList();
        assertFalse(cases.isEmpty(), "no file route to run");

        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy,
                List.of("--limit-modules", "java.base,java.instrument"), Map.of(), FileRoutesApp.class.getName(),
                cases.stream().map(RouteFixtures.Case::step).toList());

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("tenant-guard: enforce mode"), result.stderr());
        assertFalse(result.stderr().contains("internal error"), result.stderr());
        for (int i = 0; i < cases.size(); i++) {
            RouteFixtures.Case c = cases.get(i);
            if (c.crossing()) {
                assertTrue(result.step(i).startsWith("BLOCKED CROSS_TENANT"), c.route() + ": " + result);
            } else {
                assertEquals("OK", result.step(i), c.route() + ": " + result);
            }
        }
    }
}
