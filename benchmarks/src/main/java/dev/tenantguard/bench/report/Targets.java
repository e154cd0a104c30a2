package dev.tenantguard.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The targets of the performance issue, judged from the numbers of one run. A target is met only
 * when the whole 95% interval over forks is within it; missed when the whole interval is beyond it;
 * otherwise the run did not resolve it, and it counts as missed: what a run cannot show is not
 * claimed, as the agent itself refuses what it cannot verify. {@code met} is the point estimate's
 * side of the target, {@code decided} whether the interval agrees. Where a run has too few forks
 * for an interval over forks, JMH's iteration error stands in and the interval is marked {@code ~}.
 */
final class Targets {
    static final double MICRO_NS = 10;
    /** JMH's allocation figure for an allocation-free benchmark is a tiny fraction, never exactly 0. */
    static final double ZERO_BYTES = 0.5;
    static final double HANDOVER_BYTES = 24;
    static final double REPORT_REPEAT_NS = 2_000;
    static final double REPORT_REPEAT_BYTES = 200;
    static final double UNSEEN_SQL_NS = 20_000;
    static final double STARTUP_MS = 100;
    static final double SERVICE_STARTUP_MS = 300;
    static final double OTEL_FACTOR = 10;

    record Verdict(String target, String subject, String measured, boolean met, boolean decided) {
        /** Met with the whole interval within the target. */
        boolean shownMet() {
            return met && decided;
        }

        /** Missed with the whole interval beyond the target. */
        boolean shownMissed() {
            return !met && decided;
        }
    }

    private final RunData data;
    private final List<Verdict> verdicts = new ArrayList<>();
    private final List<String> notMeasured = new ArrayList<>();

    private Targets(RunData data) {
        this.data = data;
    }

    static Targets judge(RunData data) {
        Targets t = new Targets(data);
        t.micro();
        // "0 B/op added end to end" is the allow path's target in every family, not HTTP's alone
        t.endToEnd("FileIoBenchmark", List.of("fileInputStreamOpenClose", "filesReadAllBytes1KiB"), 0.01,
                "file open+close and Files.readAllBytes ≤ 1% and 0 B/op added");
        t.endToEnd("H2SelectBenchmark", List.of("preparedSelectByKey", "preparedOnceExecuteByKey"), 0.02,
                "H2 prepared select ≤ 2% and 0 B/op added");
        t.endToEnd("PostgresSelectBenchmark", List.of("preparedSelectByKey"), 0.005,
                "PostgreSQL select ≤ 0.5% and 0 B/op added");
        t.endToEnd("HttpGetBenchmark", List.of("httpClientGet", "urlConnectionGet"), 0.005,
                "local HTTP GET ≤ 0.5% and 0 B/op added");
        t.handOverBytes();
        t.inProcess("ReporterDedupBenchmark", "enforcerReportRepeat", REPORT_REPEAT_NS, REPORT_REPEAT_BYTES,
                "report mode, a repeated crossing: ≤ 2 µs and ≤ 200 B per call");
        t.inProcess("SqlAnalysisBenchmark", "analyzeUnseen", UNSEEN_SQL_NS, Double.NaN,
                "SQL analysis of an unseen statement ≤ 20 µs");
        t.versusOtel();
        t.startup("hello-world", STARTUP_MS, "start-up ≤ " + (int) STARTUP_MS + " ms added to hello world");
        t.startup("notes-service", SERVICE_STARTUP_MS,
                "start-up ≤ " + (int) SERVICE_STARTUP_MS + " ms added to the notes service, to its first request");
        return t;
    }

    List<Verdict> verdicts() {
        return verdicts;
    }

    List<String> notMeasured() {
        return notMeasured;
    }

    /** The allow path's own logic, called in process: its whole time is what a guarded call adds. */
    private void micro() {
        String target = "allow path ≤ " + (int) MICRO_NS + " ns per guarded call, 0 B/op (in process)";
        boolean any = false;
        for (String[] op : new String[][] {{"PathCheckBenchmark", "ownTenant"}, {"PathCheckBenchmark", "outsideRules"},
                {"UrlCheckBenchmark", "ownTenant"}, {"UrlCheckBenchmark", "outsideRules"},
                {"SqlAnalysisBenchmark", "analyzeCached"}}) {
            for (String operation : data.operations(op[0])) {
                if (!operation.equals(op[1]) && !operation.startsWith(op[1] + " [")) {
                    continue;
                }
                Optional<Measurement> m = data.find(op[0], operation, RunData.BASELINE);
                if (m.isEmpty()) {
                    continue;
                }
                any = true;
                ForkInterval.Interval ns = ForkInterval.mean(m.get());
                add(target, Operations.label(op[0], operation), ns, MICRO_NS, m.get().bytesPerOp(), ZERO_BYTES,
                        Format.nanos(ns));
            }
        }
        Optional<Measurement> base = data.find("ContextBenchmark", "current", RunData.BASELINE);
        Optional<Measurement> tg = data.find("ContextBenchmark", "current", "tg-enforce");
        if (base.isPresent() && tg.isPresent()) {
            any = true;
            ForkInterval.Interval added = ForkInterval.difference(base.get(), tg.get());
            add(target, Operations.label("ContextBenchmark", "current") + " with the agent vs without", added, MICRO_NS,
                    tg.get().bytesPerOp(), ZERO_BYTES, Format.signedNanos(added));
        }
        if (!any) {
            notMeasured.add(target);
        }
    }

    /** A benchmark whose whole time and allocation is the agent's, against its limits. */
    private void inProcess(String benchmarkClass, String operation, double maxNs, double maxBytes, String target) {
        Optional<Measurement> m = data.find(benchmarkClass, operation, RunData.BASELINE);
        if (m.isEmpty()) {
            notMeasured.add(target);
            return;
        }
        ForkInterval.Interval ns = ForkInterval.mean(m.get());
        add(target, Operations.label(benchmarkClass, operation), ns, maxNs, m.get().bytesPerOp(), maxBytes,
                Format.nanos(ns));
    }

    /** Time within {@code maxNs}, and bytes within {@code maxBytes} when that is a number. */
    private void add(String target, String subject, ForkInterval.Interval ns, double maxNs, Double bytes, double maxBytes,
            String measuredTime) {
        boolean bytesChecked = !Double.isNaN(maxBytes);
        boolean bytesOk = !bytesChecked || bytes == null || bytes < maxBytes;
        boolean met = ns.value() <= maxNs && bytesOk;
        boolean decided = met ? ns.atMost(maxNs) : ns.above(maxNs) || !bytesOk;
        String measured = measuredTime + (bytesChecked
                ? ", " + (bytes == null ? "B/op not measured" : Format.bytes(bytes) + " B/op") : "");
        verdicts.add(new Verdict(target, subject, measured, met, decided));
    }

    /** Time within {@code maxAdded} of the no-agent arm's, and no bytes added: the allow path's targets. */
    private void endToEnd(String benchmarkClass, List<String> operations, double maxAdded, String target) {
        boolean any = false;
        for (String operation : operations) {
            Optional<Measurement> base = data.find(benchmarkClass, operation, RunData.BASELINE);
            Optional<Measurement> tg = data.find(benchmarkClass, operation, "tg-enforce");
            if (base.isEmpty() || tg.isEmpty()) {
                continue;
            }
            any = true;
            ForkInterval.Interval ratio = ForkInterval.ratio(base.get(), tg.get());
            double limit = 1 + maxAdded;
            Double addedBytes = base.get().bytesPerOp() == null || tg.get().bytesPerOp() == null ? null
                    : tg.get().bytesPerOp() - base.get().bytesPerOp();
            boolean bytesOk = addedBytes == null || addedBytes < ZERO_BYTES;
            boolean met = ratio.value() <= limit && bytesOk;
            boolean decided = met ? ratio.atMost(limit) : ratio.above(limit) || !bytesOk;
            verdicts.add(new Verdict(target, Operations.label(benchmarkClass, operation),
                    Format.ratio(ratio) + " (" + Format.signedNanos(ForkInterval.difference(base.get(), tg.get())) + ")"
                            + ", " + (addedBytes == null ? "B/op not measured" : Format.signedBytes(addedBytes) + " B/op"),
                    met, decided));
        }
        if (!any) {
            notMeasured.add(target);
        }
    }

    /** A task handed to another thread with a tenant: at most the capture's 24 bytes added. */
    private void handOverBytes() {
        String target = "executor hand-over ≤ " + (int) HANDOVER_BYTES + " B/op added with a tenant";
        boolean any = false;
        for (String operation : List.of("executorSubmitGet", "completableFutureSupplyAsyncJoin")) {
            Optional<Measurement> base = data.find("ExecutorBenchmark", operation, RunData.BASELINE);
            Optional<Measurement> tg = data.find("ExecutorBenchmark", operation, "tg-enforce");
            if (base.isEmpty() || tg.isEmpty() || base.get().bytesPerOp() == null || tg.get().bytesPerOp() == null) {
                continue;
            }
            any = true;
            double added = tg.get().bytesPerOp() - base.get().bytesPerOp();
            double error = Math.hypot(tg.get().bytesPerOpError(), base.get().bytesPerOpError());
            // JMH's allocation figures carry tiny fractions: 24.0003 is the capture's 24 bytes
            double limit = HANDOVER_BYTES + ZERO_BYTES;
            boolean met = added <= limit;
            boolean decided = !Double.isNaN(error) && (met ? added + error <= limit : added - error > limit);
            verdicts.add(new Verdict(target, Operations.label("ExecutorBenchmark", operation),
                    Format.signedBytes(added) + " B/op", met, decided));
        }
        if (!any) {
            notMeasured.add(target);
        }
    }

    /** tenant-guard's added time at most a tenth of OpenTelemetry's, on each JDBC and HTTP operation. */
    private void versusOtel() {
        String target = "≥ " + (int) OTEL_FACTOR + "× less added time than the OpenTelemetry agent";
        boolean any = false;
        for (String[] op : new String[][] {{"H2SelectBenchmark", "preparedSelectByKey"},
                {"H2SelectBenchmark", "preparedOnceExecuteByKey"}, {"PostgresSelectBenchmark", "preparedSelectByKey"},
                {"HttpGetBenchmark", "httpClientGet"}, {"HttpGetBenchmark", "urlConnectionGet"}}) {
            Optional<Measurement> base = data.find(op[0], op[1], RunData.BASELINE);
            Optional<Measurement> tg = data.find(op[0], op[1], "tg-enforce");
            Optional<Measurement> otel = data.find(op[0], op[1], "otel");
            if (base.isEmpty() || tg.isEmpty() || otel.isEmpty()) {
                continue;
            }
            any = true;
            ForkInterval.Interval tgAdded = ForkInterval.difference(base.get(), tg.get());
            ForkInterval.Interval otelAdded = ForkInterval.difference(base.get(), otel.get());
            boolean met = otelAdded.value() > 0 && otelAdded.value() >= OTEL_FACTOR * Math.max(tgAdded.value(), 0);
            ForkInterval.Interval factorOverForks = ForkInterval.factor(base.get(), tg.get(), otel.get());
            boolean decided = factorOverForks != null
                    // the factor resampled over the three arms' forks
                    ? (met ? factorOverForks.lo() >= OTEL_FACTOR : factorOverForks.hi() < OTEL_FACTOR)
                    // too few forks: the ends of the two added times' own intervals
                    : tgAdded.known() && otelAdded.known() && (met
                            ? otelAdded.lo() > 0 && otelAdded.lo() >= OTEL_FACTOR * Math.max(tgAdded.hi(), 0)
                            : otelAdded.hi() < OTEL_FACTOR * Math.max(tgAdded.lo(), 0));
            String factor = (tgAdded.value() <= 0 ? "tenant-guard adds nothing measurable"
                    : Format.plain(otelAdded.value() / tgAdded.value(), 1) + "× less")
                    + (factorOverForks == null ? "" : " " + factorRange(factorOverForks));
            verdicts.add(new Verdict(target, Operations.label(op[0], op[1]), "tenant-guard " + Format.signedNanos(tgAdded)
                    + ", OpenTelemetry " + Format.signedNanos(otelAdded) + ": " + factor, met, decided));
        }
        if (!any) {
            notMeasured.add(target);
        }
    }

    private static String factorRange(ForkInterval.Interval factor) {
        return "[" + factorEnd(factor.lo()) + ", " + factorEnd(factor.hi()) + "]";
    }

    private static String factorEnd(double value) {
        return Double.isInfinite(value) ? "∞" : Format.plain(value, 1) + "×";
    }

    private void startup(String app, double maxMs, String target) {
        Optional<StartupResult> base = data.startup(app, RunData.BASELINE);
        Optional<StartupResult> tg = data.startup(app, "tg-enforce");
        if (base.isEmpty() || tg.isEmpty()) {
            notMeasured.add(target);
            return;
        }
        double added = tg.get().median() - base.get().median();
        boolean met = added <= maxMs;
        // medians of n launches each: decided when even the extremes agree
        boolean decided = met ? tg.get().max() - base.get().min() <= maxMs : tg.get().min() - base.get().max() > maxMs;
        verdicts.add(new Verdict(target, app + ", median of " + tg.get().samplesMs().size() + " launches",
                Format.plain(added, 0) + " ms added (" + Format.plain(tg.get().median(), 0) + " vs "
                        + Format.plain(base.get().median(), 0) + " ms)", met, decided));
    }
}
