package dev.tenantguard.agent.report;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Appends one JSON line per event to {@code report.jsonl}; the file is opened on first use. */
final class JsonlSink implements ReportSink {
    private final Path file;
    private OutputStream out;
    private boolean failed;

    JsonlSink(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void write(ViolationEvent event, long count) {
        if (failed) {
            return;
        }
        try {
            if (out == null) {
                Path parent = file.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = new FileOutputStream(file.toFile(), true);
            }
            out.write((Json.line(event, count) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            failed = true;
            System.err.println("tenant-guard: cannot write the violation report " + file + ": " + e
                    + "; violations go to the log only from now on");
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the lines were flushed one by one; nothing is lost
            }
            out = null;
        }
    }
}
