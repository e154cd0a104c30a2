package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.ReportHeapApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000,000 distinct SQL texts, each reading another tenant's rows, from 10,000 distinct call sites
 * (classes generated here, one call site per line), under the real agent jar in {@code report}, in a
 * JVM of its own with a 512 MB heap ({@link ReportHeapApp}): every call is checked — the agent's
 * MXBean counted exactly 1,000,000 crossings — while the heap retained after a full collection grows
 * by less than 32 MB from the 100,000th call to the 1,000,000th, and the report stays bounded: the
 * exit summary holds at most 10,000 distinct violations and counts the others in a line of its own
 * (no JSONL file and no log line per violation here: their writing is not what is measured). On a
 * shared 2-core host at load average 15 the calls took 59 s of 87 s in all (hence the 300 s limit).
 */
class ReportHeapIT {
    private static final int CALLS = 1_000_000;
    private static final int CLASSES = 20;
    private static final int SITES_PER_CLASS = 500;
    private static final int DISTINCT_KEPT = 10_000;
    private static final long BOUND = 32L * 1024 * 1024;
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
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of("-Xmx512m", "-XX:+UseSerialGC"),
                Map.of(), ReportHeapApp.class.getName(),
                List.of(Integer.toString(CALLS), Integer.toString(CLASSES), Integer.toString(SITES_PER_CLASS), TABLE),
                callSites() + java.io.File.pathSeparator + ForkedJvm.testJars("h2"), 300);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertEquals(0, result.exitCode(), result.toString());

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
        long rows = result.stderr().lines().filter(l -> l.contains(" CROSS_TENANT ")).count();
        assertEquals(keptCount, rows, "rows of the summary's table");
        System.out.println("ReportHeapIT: " + seconds + " s in all, the calls " + line(result.stdout(), "MILLIS ")
                + " ms, retained heap growth " + growth / 1024 + " KB, " + rows + " summary rows");
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + "in\n" + output));
    }

    /** The classes gen.CallSites0 … : call(n, statement, sql) runs the statement on a line of its own for each n. */
    private Path callSites() throws IOException {
        Path sources = Files.createDirectories(root.resolve("sites-src/gen"));
        Path classes = Files.createDirectories(root.resolve("sites-classes"));
        List<String> arguments = new ArrayList<>(List.of("-g", "-d", classes.toString()));
        for (int c = 0; c < CLASSES; c++) {
            StringBuilder source = new StringBuilder("package gen;\npublic final class CallSites" + c + " {\n"
                    + "    public static void call(int n, java.sql.Statement s, String sql) throws java.sql.SQLException {\n"
                    + "        switch (n) {\n");
            for (int n = 0; n < SITES_PER_CLASS; n++) {
                source.append("            case ").append(n).append(": s.executeQuery(sql).close(); return;\n");
            }
            source.append("            default: throw new IllegalArgumentException();\n        }\n    }\n}\n");
            arguments.add(Files.writeString(sources.resolve("CallSites" + c + ".java"), source).toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, compiler.run(null, null, null, arguments.toArray(String[]::new)), "the call sites compile");
        return classes;
    }
}
