package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.ReportHeapApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000,000 calls under the real agent jar in {@code report}, in a JVM of its own with a 256 MB heap
 * ({@link ReportHeapApp}): each from a call site of its own (class, method and line: 125 classes of 4
 * methods of 2,000 lines, generated as class files by {@link CallSiteClasses}) with an SQL text of its
 * own (every tenth also of a shape of its own), each reading another tenant's rows (H2). Every
 * structure the agent keys by call site or by statement (the reporter's entries and repeat keys, the
 * SQL analyses by text and by shape) must stay bounded: every call is checked — the agent's MXBean
 * counted exactly 1,000,000 crossings — while the heap retained after a full collection grows by less
 * than 16 MB from the 100,000th call to the 1,000,000th (measured: under 0.3 MB either way), and the
 * report stays bounded: the exit summary holds at most 10,000 distinct violations, each at a call site
 * of its own, and counts the others in a line of its own (no JSONL file and no log line per violation
 * here: their writing is not what is measured). A structure left unbounded shows as that growth, or
 * as a heap three quarters full after a collection, where the application stops itself rather than
 * collect garbage for minutes: the shape cache alone, unbounded, grew the heap by 33 MB. On a
 * shared 2-core host the calls took 70 s at load average 15 alone, up to 285 s at load 20 beside two
 * more such JVMs (hence the 480 s limit).
 */
class ReportHeapIT {
    private static final int CLASSES = 125;
    private static final int METHODS_PER_CLASS = 4;
    private static final int SITES_PER_METHOD = 2_000;
    private static final int CALLS = CLASSES * METHODS_PER_CLASS * SITES_PER_METHOD;
    private static final int DISTINCT_KEPT = 10_000;
    private static final long BOUND = 16L * 1024 * 1024;
    private static final String TABLE = "h6_heap_orders";

    @TempDir
    Path root;

    @Test
    void aMillionDistinctCrossingsAreEachCheckedWithABoundedHeapAndABoundedReport() throws Exception {
        Path policy = Files.writeString(root.resolve("tenant-guard.yaml"), "mode: report\n"
                + "jdbc:\n"
                + "  column: tenant_id\n"
                + "  tables: [" + TABLE + "]\n"
                + "report:\n"
                + "  log: false\n");
        long started = System.nanoTime();
        Path callSites = CallSiteClasses.write(root.resolve("call-sites"), CLASSES, METHODS_PER_CLASS,
                SITES_PER_METHOD, ReportHeapApp.class.getName());
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of("-Xmx256m", "-XX:+UseSerialGC"),
                Map.of(), ReportHeapApp.class.getName(),
                List.of(Integer.toString(CLASSES), Integer.toString(METHODS_PER_CLASS),
                        Integer.toString(SITES_PER_METHOD), TABLE),
                callSites + java.io.File.pathSeparator + ForkedJvm.testJars("h2"), 480);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertEquals(0, result.exitCode(), "the heap filled (HEAP-FULL <bytes> <call>) or the JVM failed: " + result);

        assertEquals(Long.toString(CALLS), line(result.stdout(), "CALLS "), "calls made, each from its own site");
        assertEquals(Long.toString(CALLS), line(result.stdout(), "COUNTED "), "crossings the agent counted");
        String[] heap = line(result.stdout(), "HEAP ").split(" ");
        long growth = Long.parseLong(heap[1]) - Long.parseLong(heap[0]);
        assertTrue(growth < BOUND, "retained heap grew by " + growth / 1024 + " KB: " + result);

        // the summary: the distinct violations it kept (at most 10,000 entries, a privileged scope's audit
        // among them) and how many more it counted beyond them: together, every call
        Matcher kept = Pattern.compile("tenant-guard: (\\d+) violations at \\d+ call sites").matcher(result.stderr());
        Matcher beyond = Pattern.compile("tenant-guard: (\\d+) more beyond " + DISTINCT_KEPT + " distinct violations")
                .matcher(result.stderr());
        assertTrue(kept.find() && beyond.find(), "the summary does not say what it kept and left out: " + result.stderr());
        long keptCount = Long.parseLong(kept.group(1));
        assertTrue(keptCount <= DISTINCT_KEPT, keptCount + " violations kept");
        assertEquals(CALLS, keptCount + Long.parseLong(beyond.group(1)), "kept and left out");
        List<String> rowSites = result.stderr().lines().filter(l -> l.contains(" CROSS_TENANT "))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
        long rows = rowSites.size();
        assertEquals(keptCount, rows, "rows of the summary's table");
        assertEquals(rows, rowSites.stream().distinct().count(), "each row at a call site of its own");
        assertTrue(rowSites.stream().allMatch(site -> site.matches("gen\\.CallSites\\d+\\.run\\d\\(CallSites\\d+\\.java:\\d+\\)")),
                "rows named after the generated call sites: " + rowSites.subList(0, Math.min(3, rowSites.size())));
        System.out.println("ReportHeapIT: " + seconds + " s in all, the calls " + line(result.stdout(), "MILLIS ")
                + " ms, retained heap growth " + growth / 1024 + " KB, " + rows + " summary rows");
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + "in\n" + output));
    }
}
