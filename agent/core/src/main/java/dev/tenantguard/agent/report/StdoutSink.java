package dev.tenantguard.agent.report;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code report.jsonl: stdout}: one JSON line per event on the process's standard output, for the
 * log collector of a container. Each line goes out as one write of its UTF-8 bytes, newline included,
 * under the stream's own lock, so the application's {@code println}s and the agent's lines never
 * split each other (an application that prints half a line and the rest later may still get one
 * of the agent's lines between the halves). The stream is the standard output at start: an
 * application that later redirects {@code System.out} does not capture the report.
 */
final class StdoutSink implements ReportSink {
    private final PrintStream out;

    StdoutSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(ViolationEvent event, long count) {
        byte[] line = (Json.line(event, count) + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(line, 0, line.length);
        out.flush();
    }

    @Override
    public void close() {
        out.flush(); // never closed: the application and the JVM still write to it
    }
}
