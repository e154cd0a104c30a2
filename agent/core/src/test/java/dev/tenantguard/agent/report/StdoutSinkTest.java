package dev.tenantguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.config.Policy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code report.jsonl: stdout}: whole JSON lines on the stream, never split by the application's lines. */
class StdoutSinkTest {

    @Test
    void writesOneUtf8JsonLinePerWrite() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StdoutSink sink = new StdoutSink(new PrintStream(bytes, false, StandardCharsets.ISO_8859_1));
        ViolationEvent event = new ViolationEvent(Instant.parse("2026-01-02T03:04:05Z"), "CROSS_TENANT", "files",
                "READ", "/srv/t/zürich/x", "zürich", "acme", "/srv/t/{tenant}/**", "REPORTED", "main",
                "com.x.A.a(A.java:1)", List.of("com.x.A.a(A.java:1)"), "tenant acme tried to READ /srv/t/zürich/x");

        sink.write(event, 1);
        sink.write(event, 7);
        sink.close();

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(Json.line(event, 1) + "\n" + Json.line(event, 7) + "\n", text,
                "UTF-8 whatever the stream's own charset");
    }

    @Test
    void linesOfTheAgentAndTheApplicationDoNotSplitEachOther() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        StdoutSink sink = new StdoutSink(out);
        ViolationEvent event = Events.crossTenant("com.x.A.a(A.java:1)");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    if (id % 2 == 0) {
                        sink.write(event, i + 1);
                    } else {
                        out.println("app " + id + " line " + i);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2_000, lines.size());
        long json = 0;
        for (String line : lines) {
            if (line.startsWith("{")) {
                assertTrue(line.startsWith(Json.line(event, 1).substring(0, 40)) && line.endsWith("}"), line);
                json++;
            } else {
                assertTrue(line.matches("app [13] line \\d+"), line);
            }
        }
        assertEquals(1_000, json);
    }

    @Test
    void theReporterWritesToStandardOutputForTheRelativePathStdout() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            ViolationReporter reporter = ViolationReporter.create(Path.of(Policy.JSONL_STDOUT), false);
            reporter.record(Events.crossTenant("com.x.A.a(A.java:1)"));
            reporter.record(Events.crossTenant("com.x.A.a(A.java:1)"));
            reporter.close();
        } finally {
            System.setOut(original);
        }

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("\"count\":1}"), lines.get(0));
        assertTrue(lines.get(1).endsWith("\"count\":2}"), lines.get(1));
    }
}
