package dev.tenantguard.bench.report;

import java.util.List;
import java.util.Map;

/**
 * How the report names and orders what was measured: a section per benchmark class, a readable
 * label per method. Unknown classes and methods are shown by their own names, after the known ones.
 */
final class Operations {
    /** Benchmark class → section title, in report order. */
    static final Map<String, String> SECTIONS = Map.ofEntries(
            Map.entry("FileIoBenchmark", "File I/O (1 KiB files under a tenant rule)"),
            Map.entry("H2SelectBenchmark", "JDBC: H2 in memory, select by key"),
            Map.entry("H2InlinedSelectBenchmark", "JDBC: H2 in memory, select by key with the values in the text"),
            Map.entry("PostgresSelectBenchmark", "JDBC: PostgreSQL on loopback, select by key"),
            Map.entry("HttpGetBenchmark", "Outbound HTTP: GET of a JDK HttpServer on loopback"),
            Map.entry("RedisGetBenchmark", "Redis: GET of a tenant key on loopback"),
            Map.entry("RabbitPublishBenchmark", "RabbitMQ: publish on loopback"),
            Map.entry("ExecutorBenchmark", "Executors: handing work to another thread"),
            Map.entry("ContextBenchmark", "In process: the tenant API"),
            Map.entry("PathCheckBenchmark", "In process: the file rule check"),
            Map.entry("UrlCheckBenchmark", "In process: the URL rule check"),
            Map.entry("SqlAnalysisBenchmark", "In process: SQL analysis"),
            Map.entry("ReporterDedupBenchmark", "In process: report mode, a repeated violation"));

    static final List<String> ORDER = List.of("FileIoBenchmark", "H2SelectBenchmark", "H2InlinedSelectBenchmark", "PostgresSelectBenchmark",
            "HttpGetBenchmark", "RedisGetBenchmark", "RabbitPublishBenchmark", "ExecutorBenchmark", "ContextBenchmark", "PathCheckBenchmark", "UrlCheckBenchmark",
            "SqlAnalysisBenchmark", "ReporterDedupBenchmark");

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("FileIoBenchmark.fileInputStreamOpenClose", "`new FileInputStream(f).close()`"),
            Map.entry("FileIoBenchmark.fileInputStreamOpenCloseOutsideRules", "`new FileInputStream(f).close()`, f under no rule"),
            Map.entry("FileIoBenchmark.filesReadAllBytes1KiB", "`Files.readAllBytes`, 1 KiB"),
            Map.entry("FileIoBenchmark.filesNewBufferedWriter", "`Files.newBufferedWriter`, write a line, close"),
            Map.entry("H2SelectBenchmark.preparedSelectByKey", "H2 prepare + bind + execute + close"),
            Map.entry("H2SelectBenchmark.preparedOnceExecuteByKey", "H2 bind + execute, prepared once"),
            Map.entry("H2InlinedSelectBenchmark.inlinedLiteralsSelect", "H2 select, values inlined, every text new"),
            Map.entry("PostgresSelectBenchmark.preparedSelectByKey", "PostgreSQL prepare + bind + execute + close"),
            Map.entry("HttpGetBenchmark.httpClientGet", "`HttpClient.send` GET"),
            Map.entry("HttpGetBenchmark.urlConnectionGet", "`HttpURLConnection` GET"),
            Map.entry("RedisGetBenchmark.lettuceGet", "Lettuce sync `get`"),
            Map.entry("RedisGetBenchmark.jedisGet", "`JedisPooled.get`"),
            Map.entry("RabbitPublishBenchmark.basicPublish", "`Channel.basicPublish`, 64 bytes"),
            Map.entry("ExecutorBenchmark.executorSubmitGet", "`executor.submit(task).get()`"),
            Map.entry("ExecutorBenchmark.completableFutureSupplyAsyncJoin", "`CompletableFuture.supplyAsync(s).join()`"),
            Map.entry("ContextBenchmark.current", "`TenantContext.current()`"),
            Map.entry("ContextBenchmark.openClose", "`TenantContext.open(t)` + `close()`"),
            Map.entry("PathCheckBenchmark.ownTenant", "file check, hit: own tenant's path"),
            Map.entry("PathCheckBenchmark.outsideRules", "file check, miss: path under no rule"),
            Map.entry("UrlCheckBenchmark.ownTenant", "URL check, hit: own tenant's URL"),
            Map.entry("UrlCheckBenchmark.outsideRules", "URL check, miss: host no rule names"),
            Map.entry("SqlAnalysisBenchmark.analyzeUnseen", "SQL analysis of an unseen statement"),
            Map.entry("SqlAnalysisBenchmark.analyzeCached", "SQL analysis, cached statement"),
            Map.entry("SqlAnalysisBenchmark.analyzeUnseenOfKnownShape", "SQL analysis of an unseen text of a known shape"),
            Map.entry("ReporterDedupBenchmark.reporterRecordRepeat", "reporter dedup of a repeated violation"),
            Map.entry("ReporterDedupBenchmark.enforcerReportRepeat", "a repeated crossing in report mode (stack, event, dedup)"));

    private Operations() {
    }

    static String section(String benchmarkClass) {
        return SECTIONS.getOrDefault(benchmarkClass, benchmarkClass);
    }

    static int order(String benchmarkClass) {
        int index = ORDER.indexOf(benchmarkClass);
        return index < 0 ? ORDER.size() : index;
    }

    /** The label of {@code operation} (method and parameters) of {@code benchmarkClass}. */
    static String label(String benchmarkClass, String operation) {
        int params = operation.indexOf(" [");
        String method = params < 0 ? operation : operation.substring(0, params);
        String label = LABELS.get(benchmarkClass + "." + method);
        return (label == null ? method : label) + (params < 0 ? "" : operation.substring(params));
    }
}
