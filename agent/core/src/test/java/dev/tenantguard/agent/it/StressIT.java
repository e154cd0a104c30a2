package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.StressApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded load under the real agent jar, loopback only: 64 platform threads (and 10,000 virtual
 * threads on Java 21+) of 4 tenants making file, JDBC (H2) and HTTP calls, with planted crossings to
 * the next tenant's resource. Every planted crossing is caught with the right tenants, no own call
 * is refused, no thread runs with another tenant, nothing deadlocks, no planted request reaches the
 * server, every recorded crossing names the right pair, and the heap in use after a full collection
 * grows by less than {@link #HEAP_GROWTH_LIMIT} over each round.
 */
class StressIT {
    /** What a round may leave on the heap after a full collection: 16 MB, under 1.7 KB per ended virtual thread. */
    private static final long HEAP_GROWTH_LIMIT = 16L << 20;

    @TempDir
    Path root;

    @Test
    @Timeout(120)
    void plantedCrossingsUnderLoadAreEachCaughtWithTheRightTenants() throws Exception {
        try (LoopbackServer server = new LoopbackServer(path -> null)) {
            String extra = "jdbc:\n  column: tenant_id\n  tables: [orders]\n"
                    + "http:\n  rules:\n    - " + server.base() + "/v1/tenants/{tenant}/**\n";
            Path policy = PolicyFiles.write(root, "enforce", extra);
            for (String tenant : StressApp.TENANTS) {
                Files.createDirectories(root.resolve("tenants/" + tenant));
                Files.writeString(root.resolve("tenants/" + tenant + "/data.txt"), tenant);
            }
            ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of("-Dsun.net.httpserver.nodelay=true"),
                    Map.of(), StressApp.class.getName(), List.of(root.resolve("tenants").toString(),
                            "jdbc:h2:mem:stress;DB_CLOSE_DELAY=-1", server.base()), ForkedJvm.testJars("h2-"));

            assertEquals(0, result.exitCode(), result.toString());
            // 64 threads x 4 planted (file, JDBC, HTTP, file)
            assertEquals("finished=true planted=256 caught=256 misattributed=0 missed=0 falsePositives=0 wrongContext=0"
                    + " failures=0", step(result, "platform"));
            if (Runtime.version().feature() >= 21) {
                assertEquals("finished=true planted=100 caught=100 misattributed=0 missed=0 falsePositives=0"
                        + " wrongContext=0 failures=0", step(result, "virtual"));
            }
            long heapAtStart = heap(result, "start");
            long heapAfterPlatform = heap(result, "platform");
            System.out.println("StressIT heap after GC: start " + heapAtStart + ", after the platform round "
                    + heapAfterPlatform + (Runtime.version().feature() >= 21 ? ", after the virtual round "
                    + heap(result, "virtual") : ""));
            assertTrue(heapAfterPlatform - heapAtStart < HEAP_GROWTH_LIMIT, "the heap grew by "
                    + (heapAfterPlatform - heapAtStart) + " bytes over the platform round\n" + result);
            if (Runtime.version().feature() >= 21) {
                long growth = heap(result, "virtual") - heapAfterPlatform;
                assertTrue(growth < HEAP_GROWTH_LIMIT, "10,000 ended virtual threads left " + growth
                        + " bytes on the heap\n" + result);
            }
            for (int i = 0; i < StressApp.TENANTS.length; i++) {
                String tenant = StressApp.TENANTS[i];
                assertEquals(0, server.received("/v1/tenants/" + tenant + "/planted"), "a planted request arrived");
                assertEquals(16 * 40, server.received("/v1/tenants/" + tenant + "/ok"), tenant);
            }
            List<String> crossings = Files.readAllLines(PolicyFiles.jsonl(root)).stream()
                    .filter(line -> !line.contains("\"kind\":\"PRIVILEGED\"")).toList();
            assertTrue(crossings.stream().anyMatch(line -> line.contains("\"family\":\"files\"")), String.join("\n", crossings));
            assertTrue(crossings.stream().anyMatch(line -> line.contains("\"family\":\"jdbc\"")), String.join("\n", crossings));
            assertTrue(crossings.stream().anyMatch(line -> line.contains("\"family\":\"http\"")), String.join("\n", crossings));
            for (String line : crossings) {
                assertTrue(line.contains("\"kind\":\"CROSS_TENANT\""), line);
                assertTrue(rightPair(line), line);
            }
        }
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
