package dev.tenantguard.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns one run's JSON into {@code RESULTS.md} and its chart {@code results-ratios.svg}: every
 * number in them comes from the JSON, so they can be regenerated from committed results.
 *
 * <pre>
 * java -cp benchmarks.jar dev.tenantguard.bench.report.ResultsReport [run directory] [output directory]
 *   run directory: default the newest under results/; output directory: default .
 * </pre>
 */
public final class ResultsReport {
    public static final String RUN_FILE = "run.json";
    public static final String JMH_FILE = "jmh.json";
    public static final String STARTUP_FILE = "startup.json";
    static final String MARKDOWN_FILE = "RESULTS.md";
    static final String CHART_FILE = "results-ratios.svg";
    /**
     * Hand-written reading of the results (why a target is missed, what would close it), appended
     * as it is: it must name no number, which would go stale with the next run.
     */
    static final String NOTES_FILE = "results-notes.md";

    private ResultsReport() {
    }

    public static void main(String[] args) throws IOException {
        Path runDir = args.length > 0 ? Path.of(args[0]) : newestRun(Path.of("results"));
        Path outDir = args.length > 1 ? Path.of(args[1]) : Path.of(".");
        write(runDir, outDir);
    }

    /** Writes RESULTS.md and the chart for the run in {@code runDir} into {@code outDir}. */
    public static void write(Path runDir, Path outDir) throws IOException {
        RunData data = RunData.load(runDir);
        Files.createDirectories(outDir);
        Path relative = outDir.toAbsolutePath().normalize().relativize(runDir.toAbsolutePath().normalize());
        Path jsonDir = relative.toString().isEmpty() ? Path.of(".") : relative;
        String markdown = MarkdownReport.render(data, Targets.judge(data), jsonDir, CHART_FILE);
        Path notes = outDir.resolve(NOTES_FILE);
        if (Files.exists(notes)) {
            markdown += "\n" + Files.readString(notes, StandardCharsets.UTF_8);
        }
        Files.writeString(outDir.resolve(MARKDOWN_FILE), markdown, StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve(CHART_FILE), RatioChart.render(data), StandardCharsets.UTF_8);
        System.out.println("# report of " + runDir + " written to " + outDir.resolve(MARKDOWN_FILE) + " and "
                + outDir.resolve(CHART_FILE));
    }

    /** The run directory with the latest name (names start with the UTC time stamp). */
    static Path newestRun(Path results) throws IOException {
        try (var dirs = Files.list(results)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(RUN_FILE)))
                    .max(java.util.Comparator.comparing(d -> d.getFileName().toString()))
                    .orElseThrow(() -> new IOException("no run (a directory with " + RUN_FILE + ") under " + results));
        }
    }
}
