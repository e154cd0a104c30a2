package dev.tenantguard.agent.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the service touched as a tenant, with {@code report.observe: true}: each distinct observation
 * once, as a JSON line, for {@code java -jar tenant-guard-agent.jar suggest}. The set is bounded
 * ({@link #LIMIT}); when the bound is hit the file says so in its last line, so that a suggestion
 * made from it is known to be partial.
 *
 * <p>Only the families' checkers record, and only when observation is on: with it off they hold no
 * instance and the allow path reads one final field.
 */
public final class Observations {
    /** The most distinct observations kept. */
    public static final int LIMIT = 10_000;
    /** The file's name beside the violations file, or in the working directory without one. */
    public static final String FILE_SUFFIX = "-observations.jsonl";

    private final Path file;
    private final int limit;
    private final Map<String, String> lines = new ConcurrentHashMap<>();
    private volatile boolean full;

    public Observations(Path file, int limit) {
        this.file = file;
        this.limit = limit;
    }

    /**
     * The observations file: beside {@code report.jsonl} ({@code x.jsonl} → {@code x-observations.jsonl}),
     * or {@code tenant-guard-observations.jsonl} in the working directory when the violations go to
     * standard output or nowhere.
     */
    public static Path fileFor(String reportJsonl) {
        if (reportJsonl == null || reportJsonl.equals("stdout")) {
            return Path.of("tenant-guard" + FILE_SUFFIX).toAbsolutePath();
        }
        Path jsonl = Path.of(reportJsonl).toAbsolutePath();
        String name = jsonl.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return jsonl.resolveSibling(stem + FILE_SUFFIX);
    }

    public Path file() {
        return file;
    }

    /**
     * Records an observation once per {@code key}: the first {@code line} (a JSON object) seen for it
     * is kept.
     */
    public void record(String key, String line) {
        if (lines.containsKey(key)) {
            return;
        }
        if (lines.size() >= limit) {
            full = true;
            return;
        }
        lines.putIfAbsent(key, line);
    }

    /** A file observation: an operation by {@code tenant} under the folder {@code prefix/<tenant>}. */
    public void file(String prefix, String tenant, String operation, String path) {
        record("files " + prefix + " " + tenant + " " + operation,
                "{\"family\":\"files\",\"rule\":" + Json.quote(prefix + "/{tenant}/**") + ",\"tenant\":"
                        + Json.quote(tenant) + ",\"operation\":" + Json.quote(operation) + ",\"example\":"
                        + Json.quote(path) + "}");
    }

    /** An outbound request by {@code tenant} to a URL that names it, as the rule {@code pattern}. */
    public void http(String pattern, String tenant, String method, String url) {
        record("http " + pattern + " " + tenant + " " + method,
                "{\"family\":\"http\",\"rule\":" + Json.quote(pattern) + ",\"tenant\":" + Json.quote(tenant)
                        + ",\"operation\":" + Json.quote(method) + ",\"example\":" + Json.quote(url) + "}");
    }

    /**
     * A statement run by {@code tenant} that reads or writes {@code table}: {@code column} is the
     * column it restricts to the tenant, {@code null} when it restricts none.
     */
    public void table(String table, String column, String tenant, String operation, String sql) {
        record("jdbc " + table + " " + column + " " + tenant + " " + sql,
                "{\"family\":\"jdbc\",\"table\":" + Json.quote(table) + ",\"column\":"
                        + (column == null ? "null" : Json.quote(column)) + ",\"tenant\":" + Json.quote(tenant)
                        + ",\"operation\":" + Json.quote(operation) + ",\"example\":" + Json.quote(sql) + "}");
    }

    /** Whether the bound was hit: observations were left out. */
    public boolean full() {
        return full;
    }

    /** Writes every observation so far, replacing the file (through a temporary file beside it). */
    public void write() throws IOException {
        List<String> out = new ArrayList<>(lines.values());
        out.sort(null);
        if (full) {
            out.add("{\"limitReached\":" + limit + ",\"note\":\"more distinct observations were made than kept;"
                    + " a suggestion from this file may miss rules\"}");
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, out, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
