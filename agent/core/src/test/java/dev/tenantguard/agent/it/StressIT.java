package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.StressApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bounded load under the real agent jar, loopback only: 64 platform threads (and 10,000 virtual
 * threads on Java 21+) of 4 tenants making file, JDBC (H2) and HTTP calls, with planted crossings to
 * the next tenant's resource. In both modes: no own call is refused or recorded, no thread runs with
 * another tenant, nothing deadlocks, every recorded crossing names the right pair, and the heap in use
 * after a full collection grows by less than {@link #HEAP_GROWTH_LIMIT} over each round. In enforce,
 * every planted crossing is caught with the right tenants and no planted request reaches the server;
 * in report, every planted crossing runs with its effect (the next tenant's content and row, its
 * request at the server) and the exit summary counts each one at its call site, with exactly the four
 * right tenant pairs, and the file's last line of each call site adds up to them. Both modes run the same
 * size: on this shared 2-core machine the platform round took 2.4–6.2 s and the virtual one 0.7–1.2 s in
 * either mode, the whole test (agent start, both rounds, exit) 8–15 s per mode.
 */
class StressIT {
    /** What a round may leave on the heap after a full collection: 16 MB, under 1.7 KB per ended virtual thread. */
    private static final long HEAP_GROWTH_LIMIT = 16L << 20;

    @TempDir
    Path root;

    /** The tenant pairs of every planted call site, as the exit summary lists them: each tenant with the next. */
    private static final String RIGHT_PAIRS = "acme -> globex, globex -> initech, initech -> umbrella, umbrella -> acme";

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(strings = {"enforce", "report"})
    @Timeout(120)
    void plantedCrossingsUnderLoadAreEachCaughtWithTheRightTenants(String mode) throws Exception {
        boolean enforce = mode.equals("enforce");
        try (LoopbackServer server = new LoopbackServer(path -> null)) {
            String extra = "jdbc:\n  column: tenant_id\n  tables: [orders]\n"
                    + "http:\n  rules:\n    - " + server.base() + "/v1/tenants/{tenant}/**\n";
            Path policy = PolicyFiles.write(root, mode, extra);
            for (String tenant : StressApp.TENANTS) {
                Files.createDirectories(root.resolve("tenants/" + tenant));
                Files.writeString(root.resolve("tenants/" + tenant + "/data.txt"), tenant);
            }
            ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of("-Dsun.net.httpserver.nodelay=true"),
                    Map.of(), StressApp.class.getName(), List.of(root.resolve("tenants").toString(),
                            "jdbc:h2:mem:stress;DB_CLOSE_DELAY=-1", server.base(), mode), ForkedJvm.testJars("h2-"));

            assertEquals(0, result.exitCode(), result.toString());
            boolean virtualRound = Runtime.version().feature() >= 21;
            // 64 threads x 4 planted (file, JDBC, HTTP, file); 100 of the virtual threads, 25 per tenant
            assertEquals("finished=true planted=256" + outcome(enforce, 256) + " falsePositives=0 wrongContext=0"
                    + " failures=0", step(result, "platform"));
            if (virtualRound) {
                assertEquals("finished=true planted=100" + outcome(enforce, 100) + " falsePositives=0"
                        + " wrongContext=0 failures=0", step(result, "virtual"));
            }
            System.out.println("StressIT " + mode + ": " + result.stdout().lines().filter(l -> l.startsWith("TIME "))
                    .toList());
            long heapAtStart = heap(result, "start");
            long heapAfterPlatform = heap(result, "platform");
            System.out.println("StressIT heap after GC: start " + heapAtStart + ", after the platform round "
                    + heapAfterPlatform + (virtualRound ? ", after the virtual round "
                    + heap(result, "virtual") : ""));
            assertTrue(heapAfterPlatform - heapAtStart < HEAP_GROWTH_LIMIT, "the heap grew by "
                    + (heapAfterPlatform - heapAtStart) + " bytes over the platform round\n" + result);
            if (virtualRound) {
                long growth = heap(result, "virtual") - heapAfterPlatform;
                assertTrue(growth < HEAP_GROWTH_LIMIT, "10,000 ended virtual threads left " + growth
                        + " bytes on the heap\n" + result);
            }
            for (int i = 0; i < StressApp.TENANTS.length; i++) {
                String tenant = StressApp.TENANTS[i];
                // 16 threads of the previous tenant plant one request each
                assertEquals(enforce ? 0 : 16, server.received("/v1/tenants/" + tenant + "/planted"), tenant);
                assertEquals(16 * 40, server.received("/v1/tenants/" + tenant + "/ok"), tenant);
            }
            if (!enforce) {
                assertEveryPlantedCrossingCountedWithTheRightPairs(result, virtualRound);
                // the file's last line of each call site holds its total (written at exit)
                Map<String, Long> lastCounts = new TreeMap<>();
                Pattern siteAndCount = Pattern.compile("\"callSite\":\"([^\"]*)\".*\"count\":(\\d+)}$");
                for (String line : Files.readAllLines(PolicyFiles.jsonl(root))) {
                    Matcher m = siteAndCount.matcher(line);
                    if (m.find() && line.contains("\"kind\":\"CROSS_TENANT\"")) {
                        lastCounts.put(m.group(1), Long.parseLong(m.group(2)));
                    }
                }
                assertEquals(virtualRound ? 356L : 256L, lastCounts.values().stream().mapToLong(Long::longValue).sum(),
                        lastCounts.toString());
            }
            List<String> crossings = Files.readAllLines(PolicyFiles.jsonl(root)).stream()
                    .filter(line -> !line.contains("\"kind\":\"PRIVILEGED\"")).toList();
            assertTrue(crossings.stream().anyMatch(line -> line.contains("\"family\":\"files\"")), String.join("\n", crossings));
            assertTrue(crossings.stream().anyMatch(line -> line.contains("\"family\":\"jdbc\"")), String.join("\n", crossings));
            assertTrue(crossings.stream().anyMatch(line -> line.contains("\"family\":\"http\"")), String.join("\n", crossings));
            for (String line : crossings) {
                assertTrue(line.contains("\"kind\":\"CROSS_TENANT\""), line);
                assertTrue(line.contains("\"action\":\"" + (enforce ? "BLOCKED" : "REPORTED") + "\""), line);
                assertTrue(rightPair(line), line);
            }
        }
    }

    private static String outcome(boolean enforce, int planted) {
        return enforce ? " caught=" + planted + " misattributed=0 missed=0" : " ran=" + planted + " wrongEffect=0 blocked=0";
    }

    /**
     * The exit summary of report mode: one row per planted call site (the platform round's file read, the
     * select, the request, the virtual round's file read), each with its number of planted crossings and
     * the four right tenant pairs, and nothing else. An own call recorded would add a count, a pair such
     * as {@code acme -> acme}, or a row; a crossing lost would lower a count.
     */
    private static void assertEveryPlantedCrossingCountedWithTheRightPairs(ForkedJvm.Result result, boolean virtualRound) {
        List<String[]> rows = result.stderr().lines().filter(l -> l.startsWith("  CROSS_TENANT "))
                .map(l -> l.trim().split("\\s+")).toList();
        List<Long> counts = new ArrayList<>();
        for (String[] row : rows) {
            String line = String.join(" ", row);
            assertEquals("REPORTED", row[1], line);
            assertEquals(RIGHT_PAIRS, String.join(" ", Arrays.copyOfRange(row, 4, row.length - 1)), line);
            assertTrue(row[row.length - 1].startsWith("com.example.probe.StressApp."), line);
            counts.add(Long.parseLong(row[3]));
        }
        Collections.sort(counts);
        // file reads: 2 per platform thread; select and request: 1 each; virtual file reads: 100
        assertEquals(virtualRound ? List.of(64L, 64L, 100L, 128L) : List.of(64L, 64L, 128L), counts, result.toString());
        int total = virtualRound ? 356 : 256;
        assertTrue(result.stderr().contains("tenant-guard: " + total + " violations at " + counts.size() + " call sites;"),
                result.toString());
    }

    /** A recorded crossing names an active tenant and, as owner, the next one of the four. */
    private static boolean rightPair(String line) {
        String[] tenants = StressApp.TENANTS;
        for (int i = 0; i < tenants.length; i++) {
            if (line.contains("\"activeTenant\":\"" + tenants[i] + "\"")) {
                return line.contains("\"resourceTenant\":\"" + tenants[(i + 1) % tenants.length] + "\"");
            }
        }
        return false;
    }

    /** The heap in use after a full collection at the end of a round, as StressApp prints it. */
    private static long heap(ForkedJvm.Result result, String after) {
        String prefix = "HEAP " + after + " ";
        return result.stdout().lines().filter(l -> l.startsWith(prefix)).map(l -> Long.parseLong(l.substring(prefix.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no heap after " + after + "\n" + result));
    }

    private static String step(ForkedJvm.Result result, String name) {
        String prefix = "STEP " + name + " ";
        return result.stdout().lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + name + "\n" + result));
    }
}
