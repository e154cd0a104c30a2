package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.FaultApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code onError} under the real agent jar: a fault injected into the file checker ({@link FaultApp})
 * refuses the call as {@code INTERNAL_ERROR} when the family fails closed (the default in enforce),
 * lets it through when it fails open (the default in report), per family override first; recorded
 * once per call site either way; and the agent goes on checking.
 */
class OnErrorIT {
    private static final String SENTENCE = "the call could not be verified: the agent's check failed in FileHooks.check"
            + " (onError failClosed: java.lang.ArrayIndexOutOfBoundsException)";

    @TempDir
    Path root;

    @Test
    void enforceFailsClosedByDefault() throws Exception {
        ForkedJvm.Result result = run("enforce", "");
        for (int step = 0; step < 3; step++) {
            assertEquals("BLOCKED INTERNAL_ERROR " + SENTENCE, result.step(step), result.toString());
        }
        assertEquals("BLOCKED INTERNAL_ERROR", result.step(3));
        assertEquals("BLOCKED CROSS_TENANT", result.step(4));
        assertRecordedOncePerSite("BLOCKED", "failClosed");
    }

    @Test
    void reportFailsOpenByDefault() throws Exception {
        ForkedJvm.Result result = run("report", "");
        for (int step = 0; step < 4; step++) {
            assertEquals("PASSED", result.step(step), result.toString());
        }
        assertEquals("READ", result.step(4));
        assertRecordedOncePerSite("REPORTED", "failOpen");
    }

    @Test
    void aFamilysOwnKeyWinsOverOnErrorAndTheMode() throws Exception {
        ForkedJvm.Result result = run("enforce", "onError: failClosed\n", "files.onError=failOpen");
        assertEquals("PASSED", result.step(0), result.toString());
        assertEquals("BLOCKED CROSS_TENANT", result.step(4));
        assertRecordedOncePerSite("REPORTED", "failOpen");
    }

    @Test
    void onErrorFailClosedRefusesInReportMode() throws Exception {
        ForkedJvm.Result result = run("report", "onError: failClosed\n");
        assertEquals("BLOCKED INTERNAL_ERROR " + SENTENCE, result.step(0), result.toString());
        assertEquals("READ", result.step(4));
        assertRecordedOncePerSite("BLOCKED", "failClosed");
    }

    private ForkedJvm.Result run(String mode, String extra, String... options) throws Exception {
        Path policy = PolicyFiles.write(root, mode, extra);
        Files.writeString(root.resolve("tenants/globex/data.txt"), "globex");
        String agentOptions = "config=" + policy + (options.length == 0 ? "" : "," + String.join(",", options));
        ForkedJvm.Result result = ForkedJvm.run(root, agentOptions, List.of(), Map.of(), FaultApp.class.getName(),
                List.of(root.resolve("tenants").toString()));
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    /**
     * Recorded once per call site of FaultApp: a line at the first of the three calls of the first
     * site (the reporter adds a line with the final count, 3, at exit) and one at the second site.
     */
    private void assertRecordedOncePerSite(String action, String onError) throws Exception {
        List<String> errors = Files.readAllLines(PolicyFiles.jsonl(root)).stream()
                .filter(line -> line.contains("\"kind\":\"INTERNAL_ERROR\"")).toList();
        String all = String.join("\n", errors);
        assertEquals(2, errors.stream().filter(line -> line.contains("\"count\":1}")).count(), all);
        assertEquals(1, errors.stream().filter(line -> line.contains("FaultApp.firstSite(")
                && line.contains("\"count\":1}")).count(), all);
        assertEquals(1, errors.stream().filter(line -> line.contains("FaultApp.secondSite(")
                && line.contains("\"count\":1}")).count(), all);
        assertTrue(errors.stream().anyMatch(line -> line.contains("FaultApp.firstSite(") && line.contains("\"count\":3}")),
                all);
        for (String line : errors) {
            assertTrue(line.contains("\"family\":\"files\""), line);
            assertTrue(line.contains("\"action\":\"" + action + "\""), line);
            assertTrue(line.contains("\"activeTenant\":\"acme\""), line);
            assertTrue(line.contains("\"rule\":\"onError " + onError + ": java.lang.ArrayIndexOutOfBoundsException\""),
                    line);
        }
    }
}
