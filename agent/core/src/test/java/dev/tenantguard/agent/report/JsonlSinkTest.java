package dev.tenantguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSONL report file. */
class JsonlSinkTest {

    @TempDir
    Path dir;

    private static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void writesOneJsonLinePerEvent() throws Exception {
        Path file = dir.resolve("report.jsonl");
        JsonlSink sink = new JsonlSink(file, true);
        ViolationEvent first = Events.crossTenant("com.x.A.a(A.java:1)");
        ViolationEvent second = Events.violation("NO_TENANT", "/r/{tenant}", "com.x.B.b(B.java:2)");

        sink.write(first, 1);
        sink.write(second, 7);
        sink.close();

        assertEquals(List.of(Json.line(first, 1), Json.line(second, 7)), lines(file));
        assertTrue(Files.readString(file).endsWith("\n"));
    }

    @Test
    void linesAreOnDiskBeforeClose() throws Exception {
        Path file = dir.resolve("report.jsonl");
        JsonlSink sink = new JsonlSink(file, true);

        sink.write(Events.crossTenant("com.x.A.a(A.java:1)"), 1);

        assertEquals(1, lines(file).size());
        sink.close();
    }

    @Test
    void createsTheParentDirectories() throws Exception {
        Path file = dir.resolve("a/b/c/report.jsonl");
        JsonlSink sink = new JsonlSink(file, true);

        sink.write(Events.crossTenant("com.x.A.a(A.java:1)"), 1);
        sink.close();

        assertEquals(1, lines(file).size());
    }

    @Test
    void appendsToAnExistingReport() throws Exception {
        Path file = dir.resolve("report.jsonl");
        Files.writeString(file, "{\"earlier\":true}\n");
        JsonlSink sink = new JsonlSink(file, true);

        sink.write(Events.crossTenant("com.x.A.a(A.java:1)"), 1);
        sink.close();

        List<String> lines = lines(file);
        assertEquals(2, lines.size());
        assertEquals("{\"earlier\":true}", lines.get(0));
    }

    @Test
    void aWriteAfterCloseReopensAndAppends() throws Exception {
        Path file = dir.resolve("report.jsonl");
        JsonlSink sink = new JsonlSink(file, true);
        sink.write(Events.crossTenant("com.x.A.a(A.java:1)"), 1);
        sink.close();

        sink.write(Events.crossTenant("com.x.A.a(A.java:1)"), 2);
        sink.close();
        sink.close();

        List<String> lines = lines(file);
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).endsWith("\"count\":2}"));
    }

    @Test
    void noFileUntilTheFirstWrite() {
        Path file = dir.resolve("sub/report.jsonl");
        JsonlSink sink = new JsonlSink(file, true);

        sink.close();

        assertFalse(Files.exists(file));
        assertFalse(Files.exists(file.getParent()));
    }

    @Test
    void writesUtf8() throws Exception {
        Path file = dir.resolve("report.jsonl");
        JsonlSink sink = new JsonlSink(file, true);

        sink.write(Events.violation("CROSS_TENANT", "/r/{tenant}", "com.x.A.a(A.java:1)", "/r/zürich/文件"), 1);
        sink.close();

        assertTrue(lines(file).get(0).contains("\"resource\":\"/r/zürich/文件\""));
    }

    @Test
    void aFileThatCannotBeWrittenIsReportedOnceAndThenIgnored() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            // checked at start, before any event
            JsonlSink sink = new JsonlSink(blocker.resolve("report.jsonl"), true);
            assertTrue(JsonlSink.failed(blocker.resolve("report.jsonl")));
            sink.write(Events.crossTenant("com.x.A.a(A.java:1)"), 1);
            sink.write(Events.crossTenant("com.x.A.a(A.java:1)"), 2);
            sink.close();
        } finally {
            System.setErr(original);
        }

        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("tenant-guard: cannot write the violation report "), printed);
        assertEquals(1, printed.split("\n").length, printed);
        assertEquals("x", Files.readString(blocker));
    }

    @Test
    void aFileDeletedWhileRunningIsReportedOnceAndNotWrittenAgain() throws Exception {
        Path file = dir.resolve("deleted.jsonl");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            JsonlSink sink = new JsonlSink(file, true);
            sink.write(Events.crossTenant("com.x.A.a(A.java:1)"), 1);
            Files.delete(file);
            sink.write(Events.crossTenant("com.x.B.b(B.java:2)"), 1);
            sink.write(Events.crossTenant("com.x.C.c(C.java:3)"), 1);
            sink.close();
        } finally {
            System.setErr(original);
        }

        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals("tenant-guard: cannot write the violation report " + file + ": it was deleted while the"
                + " application ran; enforcement goes on, and violations go to the log instead\n", printed);
        assertFalse(Files.exists(file));
        assertTrue(JsonlSink.failed(file));
    }

    @Test
    void aFullDiskIsAWriteErrorLikeAnyOther() throws Exception {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full here");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            JsonlSink sink = new JsonlSink(full, true);
            sink.write(Events.crossTenant("com.x.A.a(A.java:1)"), 1);
            sink.write(Events.crossTenant("com.x.B.b(B.java:2)"), 1);
            sink.close();
        } finally {
            System.setErr(original);
        }

        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("tenant-guard: cannot write the violation report /dev/full: java.io.IOException:"
                + " No space left on device"), printed);
        assertEquals(1, printed.split("\n").length, printed);
    }

    /**
     * No buffer grows while the file fails: 100,000 distinct violations sent to a report on a full disk
     * (report.log off, so the sink's own log takes them) all reach the log, and the heap in use after a
     * full collection grows by less than a tenth of what their JSON lines weigh.
     */
    @Test
    void aFullDiskKeepsNothingOfWhatItCouldNotWrite() throws Exception {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full here");
        int violations = 100_000;
        long[] lines = new long[1];
        PrintStream original = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n') {
                    lines[0]++;
                }
            }
        }, true, StandardCharsets.UTF_8));
        long jsonBytes = 0;
        long before;
        long after;
        try {
            JsonlSink sink = new JsonlSink(full, false);
            sink.write(Events.crossTenant("com.x.A.a(A.java:1)"), 1); // fails, and the log is set up
            before = heapAfterCollection();
            for (int i = 0; i < violations; i++) {
                ViolationEvent event = Events.violation("CROSS_TENANT", "/srv/t/{tenant}/**",
                        "com.x.C" + i + ".m(C" + i + ".java:" + i + ")", "/srv/t/globex/file-" + i);
                jsonBytes += Json.line(event, 1).length() + 1;
                sink.write(event, 1);
            }
            after = heapAfterCollection();
            sink.close();
        } finally {
            System.setErr(original);
        }

        System.out.println("JsonlSinkTest full disk: heap after GC grew by " + (after - before) + " bytes over "
                + violations + " violations (" + jsonBytes + " bytes of lines)");
        // the failure line, then one log line per violation
        assertEquals(1 + 1 + violations, lines[0]);
        assertTrue(jsonBytes > 20_000_000L, "the lines weigh " + jsonBytes + " bytes");
        assertTrue(after - before < jsonBytes / 10, "the heap grew by " + (after - before) + " bytes for "
                + jsonBytes + " bytes of lines not written");
    }

    private static long heapAfterCollection() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            memory.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
