package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.maintenance.ExemptMethodApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exempt.callers} by method ({@code class#method*}): the exempted method of a class crosses and is
 * not recorded, another method of the same class is blocked; a pattern that matches no method of its
 * class is named on stderr when the class loads.
 */
class ExemptMethodIT {
    private static final String JOB = "com.example.probe.maintenance.MaintenanceJob";

    @TempDir
    Path root;
    Path secret;

    @BeforeEach
    void files() throws Exception {
        PolicyFiles.write(root, "enforce", "");
        secret = root.resolve("tenants/globex/secret.txt");
        Files.writeString(secret, "globex-only");
    }

    @Test
    void enforceLetsTheExemptMethodCrossUnrecordedAndBlocksAnotherMethodOfTheClass() throws Exception {
        ForkedJvm.Result result = run("enforce");

        assertEquals("OK globex-only", result.step(0), result.toString());
        assertEquals("BLOCKED CROSS_TENANT", result.step(1), result.toString());
        List<String> lines = Files.readAllLines(PolicyFiles.jsonl(root));
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("\"action\":\"BLOCKED\""), lines.get(0));
        assertTrue(lines.get(0).contains(JOB + ".export("), lines.get(0));
        assertFalse(lines.get(0).contains("purgeArchive"), lines.get(0));
    }

    @Test
    void reportRecordsOnlyTheMethodThatIsNotExempt() throws Exception {
        ForkedJvm.Result result = run("report");

        assertEquals("OK globex-only", result.step(0), result.toString());
        assertEquals("OK globex-only", result.step(1), result.toString());
        List<String> lines = Files.readAllLines(PolicyFiles.jsonl(root));
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("\"action\":\"REPORTED\""), lines.get(0));
        assertTrue(lines.get(0).contains(JOB + ".export("), lines.get(0));
    }

    @Test
    void aMethodPatternThatMatchesNoMethodIsNamedWhenItsClassLoads() throws Exception {
        ForkedJvm.Result result = run("enforce");

        assertTrue(result.stderr().contains("tenant-guard: exempt.callers '" + JOB + "#rebuildIndex' matches no method"
                + " of " + JOB + " (loaded now; methods: purgeArchive, export, read): it exempts nothing"),
                result.toString());
        assertFalse(result.stderr().contains("'" + JOB + "#purge*' matches no method"), result.toString());
    }

    private ForkedJvm.Result run(String mode) throws Exception {
        Path policy = root.resolve("tenant-guard.yaml");
        String text = Files.readString(policy).replace("mode: enforce", "mode: " + mode)
                .replace("callers: [\"com.example.probe.admin.**\"]",
                        "callers: [\"" + JOB + "#purge*\", \"" + JOB + "#rebuildIndex\"]");
        Files.writeString(policy, text);
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                ExemptMethodApp.class.getName(), List.of(secret.toString()));
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
