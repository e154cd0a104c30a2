package com.example.notes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code bash test-apps/run-demo.sh}, on the jars this build made
 * ({@code SKIP_BUILD=1}): it succeeds (within the timeout, a guard against a hang: how long it takes is
 * no assertion here, the machine may be loaded) and ends with the report, one row per planted
 * bug at its call site, and writes the HTML report. Needs Redis and RabbitMQ on 127.0.0.1, as the demo does.
 */
class RunDemoIT {
    private static final long TIMEOUT_SECONDS = 300;

    /** Kind, family and call site of each planted bug's row in the report table. */
    private static final List<List<String>> PLANTED_BUG_ROWS = List.of(
            List.of("CROSS_TENANT", "jdbc", "com.example.notes.db.NoteRepository.rename("),
            List.of("UNSCOPED_QUERY", "jdbc", "com.example.notes.db.NoteRepository.suggest("),
            List.of("CROSS_TENANT", "files", "com.example.notes.files.NoteExporter.exportCsv("),
            List.of("CROSS_TENANT", "files", "com.example.notes.files.AttachmentStore.read("),
            List.of("CROSS_TENANT", "http", "com.example.notes.billing.BillingClient.notesCreated("),
            List.of("CROSS_TENANT", "jdbc", "com.example.notes.db.NoteRepository.textOf("),
            List.of("NO_TENANT", "files", "com.example.notes.files.ExportRetention."),
            List.of("CROSS_TENANT", "redis", "com.example.notes.cache.NoteCache.recentTitles("),
            List.of("CROSS_TENANT", "redis", "com.example.notes.cache.NoteCache.putRecentTitles("),
            List.of("NO_TENANT", "messaging", "com.example.notes.jobs.JobQueue.publish("));

    @TempDir
    Path dir;

    @Test
    void theFirstCommandEndsWithTheReportOfEveryPlantedBug() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path script = module.resolve("../run-demo.sh").normalize();
        assertTrue(Files.isRegularFile(script), "no " + script);
        Path output = dir.resolve("demo.txt");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("SKIP_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                + System.getenv("PATH"));
        Process demo = builder.start();
        if (!demo.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("the demo did not finish within " + TIMEOUT_SECONDS + " s\n" + Files.readString(output));
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, demo.exitValue(), printed);

        String report = printed.substring(printed.lastIndexOf("== the report of"));
        List<String> rows = report.lines().filter(l -> l.contains("com.example.notes.")).toList();
        Path html = module.resolve("target/tenant-guard-report.html");
        String htmlText = Files.exists(html) ? Files.readString(html, StandardCharsets.UTF_8) : "";
        assertAll(
                // 13: the retention job's Files.isDirectory and getLastModifiedTime are METADATA call sites
                // of their own since files.metadata (on by default) guards metadata reads, and the cache
                // bug reads and writes its key from two lines
                () -> assertTrue(report.contains(" violations at 13 call sites"), report),
                () -> {
                    for (List<String> bug : PLANTED_BUG_ROWS) {
                        assertTrue(rows.stream().anyMatch(r -> r.contains(bug.get(0)) && r.contains(" " + bug.get(1) + " ")
                                && r.contains(bug.get(2))), "no report row " + bug + "\n" + report);
                    }
                },
                () -> assertTrue(printed.lines().filter(l -> l.startsWith("step bug-")).allMatch(l -> l.contains(": OK (")),
                        "in report mode every planted bug goes through and says what leaked\n" + printed),
                () -> assertTrue(report.strip().endsWith("tenant-guard-report.html"), "the last line names the HTML report\n" + report),
                () -> {
                    assertTrue(htmlText.startsWith("<!DOCTYPE html>") || htmlText.startsWith("<!doctype html>"),
                            "no HTML report at " + html);
                    for (List<String> bug : PLANTED_BUG_ROWS) {
                        assertTrue(htmlText.contains(bug.get(2)), "the HTML report has no row for " + bug.get(2));
                    }
                });
    }
}
