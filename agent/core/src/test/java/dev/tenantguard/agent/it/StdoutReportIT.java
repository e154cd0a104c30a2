package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.probe.StdoutApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report.jsonl: stdout}: the agent's violations as JSON lines on the process's standard output,
 * for a container's log collector, mixed with the application's own lines and nothing else.
 */
class StdoutReportIT {
    private static final int THREADS = 4;
    private static final int ROUNDS = 200;
    private static final Pattern APP_LINE = Pattern.compile("APP (\\d+) (\\d+) (.*)");

    @TempDir
    Path root;

    @Test
    void everyLineIsTheApplicationsOwnOrOneViolation() throws Exception {
        Path policy = PolicyFiles.write(root, "report", "");
        Path secret = Files.writeString(root.resolve("tenants/globex/secret.txt"), "globex");

        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy + ",report.jsonl=stdout", List.of(), Map.of(),
                StdoutApp.class.getName(), List.of(secret.toString(), String.valueOf(THREADS), String.valueOf(ROUNDS)));

        assertEquals(0, result.exitCode(), result.toString());
        int[] nextRound = new int[THREADS];
        Map<String, Long> finalCounts = new HashMap<>();
        Map<String, Integer> firstLines = new HashMap<>();
        int done = 0;
        for (String line : result.stdout().split("\n", -1)) {
            Matcher app = APP_LINE.matcher(line);
            if (app.matches()) {
                int thread = Integer.parseInt(app.group(1));
                assertEquals(nextRound[thread], Integer.parseInt(app.group(2)), "thread " + thread + "'s lines in order");
                assertEquals(StdoutApp.TEXT, app.group(3), "the application's line intact: " + line);
                nextRound[thread]++;
            } else if (line.equals("APP done")) {
                done++;
            } else if (line.isEmpty()) {
                continue; // after the last newline
            } else {
                Map<String, Object> v = violation(line);
                String key = v.get("kind") + " " + v.get("callSite");
                finalCounts.merge(key, (Long) v.get("count"), Math::max);
                if ((Long) v.get("count") == 1) {
                    firstLines.merge(key, 1, Integer::sum);
                }
            }
        }
        for (int t = 0; t < THREADS; t++) {
            assertEquals(ROUNDS, nextRound[t], "every line of thread " + t);
        }
        assertEquals(1, done);
        assertEquals(3, finalCounts.size(), "three call sites: " + finalCounts);
        for (Map.Entry<String, Long> site : finalCounts.entrySet()) {
            assertEquals(THREADS * ROUNDS, site.getValue(), "the last line of a site carries its exact count: " + site);
            assertEquals(1, firstLines.get(site.getKey()), "one first occurrence of " + site.getKey());
        }
        assertTrue(finalCounts.keySet().stream().anyMatch(k -> k.startsWith("NO_TENANT com.example.probe.StdoutApp.")),
                finalCounts.toString());

        int total = 3 * THREADS * ROUNDS;
        assertTrue(result.stderr().contains("tenant-guard: " + total + " violations at 3 call sites;"
                + " each one as a JSON line on standard output"), result.stderr());
        assertFalse(result.stderr().contains("each one in"), "the summary claims no file:\n" + result.stderr());
        assertFalse(Files.exists(root.resolve("stdout")), "no file named stdout");
        assertFalse(Files.exists(PolicyFiles.jsonl(root)), "report.jsonl of the policy file was overridden");
    }

    private static Map<String, Object> violation(String line) {
        Map<String, Object> v;
        try {
            v = FlatJson.object(line);
        } catch (IllegalArgumentException e) {
            return fail("a stdout line that is neither the application's nor a JSON object: " + e.getMessage());
        }
        for (String field : List.of("time", "kind", "family", "operation", "resource", "resourceTenant",
                "activeTenant", "rule", "action", "thread", "callSite", "stack", "message", "count")) {
            assertTrue(v.containsKey(field), "missing " + field + " in " + line);
        }
        assertEquals("files", v.get("family"), line);
        assertEquals("REPORTED", v.get("action"), line);
        assertTrue(((String) v.get("callSite")).startsWith("com.example.probe.StdoutApp."), line);
        assertTrue((Long) v.get("count") >= 1, line);
        assertTrue(v.get("stack") instanceof List<?> stack && !stack.isEmpty(), line);
        return v;
    }
}
