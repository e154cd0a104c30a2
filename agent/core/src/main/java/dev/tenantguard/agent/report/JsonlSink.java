package dev.tenantguard.agent.report;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends one JSON line per event to {@code report.jsonl}, written through at once (nothing is
 * buffered, so nothing grows while the file cannot be written). Whether the file can be written is
 * checked at start, without creating it (it is created at the first event): a file that cannot be
 * written never stops the agent — enforcement does not depend on the report. When the file cannot
 * be written (at start, or later: deleted, the disk full, any write error), one line on stderr names
 * it and why, and from then on its events go to the log instead (to a log sink of its own when
 * {@code report.log} is off); the file is not tried again, and the exit summary does not send the
 * reader to it.
 */
final class JsonlSink implements ReportSink {
    /** Report files that could not be written in this JVM: the exit summary does not name them. */
    private static final Set<Path> FAILED = ConcurrentHashMap.newKeySet();

    private final Path file;
    /** Where events go once the file failed, or {@code null} when the reporter logs them anyway. */
    private final ReportSink fallback;
    private OutputStream out;
    private boolean failed;

    /** @param logged whether the reporter also has a log sink (else this sink falls back to one of its own) */
    JsonlSink(Path file, boolean logged) {
        this.file = file.toAbsolutePath();
        this.fallback = logged ? null : new LogSink();
        String problem = unwritable(this.file);
        if (problem != null) {
            fail(problem);
        }
    }

    /** Whether the report file {@code file} could not be written (at start or later) in this JVM. */
    static boolean failed(Path file) {
        return FAILED.contains(file.toAbsolutePath());
    }

    @Override
    public synchronized void write(ViolationEvent event, long count) {
        if (!failed) {
            try {
                if (out == null) {
                    Path parent = file.getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    out = new FileOutputStream(file.toFile(), true);
                } else if (!Files.exists(file)) {
                    // an unlinked file takes the lines without error, and nobody can read them
                    fail("it was deleted while the application ran");
                }
                if (!failed) {
                    out.write((Json.line(event, count) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return;
                }
            } catch (IOException | RuntimeException e) {
                fail(e.toString());
            }
        }
        if (fallback != null) {
            fallback.write(event, count);
        }
    }

    private void fail(String why) {
        failed = true;
        FAILED.add(file);
        closeQuietly();
        System.err.println("tenant-guard: cannot write the violation report " + file + ": " + why
                + "; enforcement goes on, and violations go to the log instead");
    }

    /**
     * Why {@code file} cannot be written, checked without creating it: an existing file must be a
     * writable regular file (or a device such as a pipe); a new one needs its nearest existing
     * ancestor to be a writable directory. {@code null} when it looks writable.
     */
    private static String unwritable(Path file) {
        try {
            if (Files.exists(file)) {
                if (Files.isDirectory(file)) {
                    return "it is a directory";
                }
                return Files.isWritable(file) ? null : "it is not writable";
            }
            Path dir = file.getParent();
            while (dir != null && !Files.exists(dir)) {
                dir = dir.getParent();
            }
            if (dir == null) {
                return "no folder of its path exists";
            }
            if (!Files.isDirectory(dir)) {
                return dir + " is not a directory";
            }
            return Files.isWritable(dir) ? null : "the folder " + dir + " is not writable";
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
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
