package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000,000 distinct violations through the report path keep the agent's heap bounded
 * ({@link ReportHeapApp}, in a JVM of its own with a 1 GB heap): the heap retained after a full
 * collection grows by less than 32 MB from the 100,000th violation to the 1,000,000th. Remembering
 * each one (its call site, tenants, latest event) would retain hundreds of megabytes.
 */
class ReportHeapIT {
    private static final long BOUND = 32L * 1024 * 1024;

    @TempDir
    Path root;

    @Test
    void aMillionDistinctViolationsRetainABoundedHeap() throws Exception {
        Path out = root.resolve("out.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ReportHeapApp.class.getName(), "/dev/null")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the run did not end within 300 s");
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        List<String> heap = output.lines().filter(line -> line.startsWith("HEAP ")).toList();
        assertEquals(1, heap.size(), output);
        String[] parts = heap.get(0).split(" ");
        long afterFirst = Long.parseLong(parts[1]);
        long afterAll = Long.parseLong(parts[2]);
        assertTrue(afterAll - afterFirst < BOUND, "retained heap grew by " + (afterAll - afterFirst) / 1024 + " KB: "
                + output);
        assertTrue(Long.parseLong(parts[4]) > 0, "the bound on distinct violations was never reached: " + output);
    }
}
