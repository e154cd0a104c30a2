package dev.tenantguard.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The targets of the benchmark issue, judged from the numbers of one run. A verdict is MET or
 * MISSED by the point estimate; {@code decided} says whether the error bars agree (the whole
 * interval on one side of the target), so a reader sees which verdicts the noise could flip.
 */
final class Targets {
    static final double MICRO_NS = 10;
    /** JMH's allocation figure for an allocation-free benchmark is a tiny fraction, never exactly 0. */
    static final double ZERO_BYTES = 0.5;
    static final double STARTUP_MS = 100;
    static final double OTEL_FACTOR = 10;

    record Verdict(String target, String subject, String measured, boolean met, boolean decided) {
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
        t.endToEnd("FileIoBenchmark", List.of("fileInputStreamOpenClose"), 0.01, "file open+close ≤ 1% added");
        t.endToEnd("H2SelectBenchmark", List.of("preparedSelectByKey", "preparedOnceExecuteByKey"), 0.005,
                "H2 select ≤ 0.5% added");
        t.endToEnd("HttpGetBenchmark", List.of("httpClientGet", "urlConnectionGet"), 0.001, "local HTTP GET ≤ 0.1% added");
        t.versusOtel();
        t.startup();
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
                double ns = m.get().score();
                double err = m.get().error();
                Double bytes = m.get().bytesPerOp();
                boolean met = ns <= MICRO_NS && (bytes == null || bytes < ZERO_BYTES);
                boolean decided = Double.isNaN(err) ? false
                        : (met ? ns + err <= MICRO_NS : ns - err > MICRO_NS || (bytes != null && bytes >= ZERO_BYTES));
                verdicts.add(new Verdict(target, Operations.label(op[0], operation),
                        Format.nanos(ns, err) + ", " + (bytes == null ? "B/op not measured" : Format.bytes(bytes) + " B/op"),
                        met, decided));
            }
        }
        Optional<Measurement> base = data.find("ContextBenchmark", "current", RunData.BASELINE);
        Optional<Measurement> tg = data.find("ContextBenchmark", "current", "tg-enforce");
        if (base.isPresent() && tg.isPresent()) {
            any = true;
            double added = tg.get().score() - base.get().score();
            double err = Math.hypot(tg.get().error(), base.get().error());
            Double bytes = tg.get().bytesPerOp();
            boolean met = added <= MICRO_NS && (bytes == null || bytes < ZERO_BYTES);
            verdicts.add(new Verdict(target, Operations.label("ContextBenchmark", "current") + " with the agent vs without",
                    Format.signedNanos(added, err) + ", " + (bytes == null ? "B/op not measured" : Format.bytes(bytes) + " B/op"),
                    met, !Double.isNaN(err) && (met ? added + err <= MICRO_NS : added - err > MICRO_NS)));
        }
        if (!any) {
            notMeasured.add(target);
        }
    }

    private void endToEnd(String benchmarkClass, List<String> operations, double maxAdded, String target) {
        boolean any = false;
        for (String operation : operations) {
            Optional<Measurement> base = data.find(benchmarkClass, operation, RunData.BASELINE);
            Optional<Measurement> tg = data.find(benchmarkClass, operation, "tg-enforce");
            if (base.isEmpty() || tg.isEmpty()) {
                continue;
            }
            any = true;
            RunData.Ratio ratio = RunData.Ratio.of(base.get(), tg.get());
            double limit = 1 + maxAdded;
            boolean met = ratio.value() <= limit;
            boolean decided = !Double.isNaN(ratio.error())
                    && (met ? ratio.value() + ratio.error() <= limit : ratio.value() - ratio.error() > limit);
            verdicts.add(new Verdict(target, Operations.label(benchmarkClass, operation),
                    Format.ratio(ratio) + " (" + Format.signedNanos(tg.get().score() - base.get().score(), Double.NaN) + ")",
                    met, decided));
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
            double tgAdded = tg.get().score() - base.get().score();
            double otelAdded = otel.get().score() - base.get().score();
            double tgErr = Math.hypot(tg.get().error(), base.get().error());
            double otelErr = Math.hypot(otel.get().error(), base.get().error());
            boolean met = otelAdded > 0 && otelAdded >= OTEL_FACTOR * Math.max(tgAdded, 0);
            boolean decided = !Double.isNaN(tgErr) && !Double.isNaN(otelErr) && (met
                    ? otelAdded - otelErr > 0 && otelAdded - otelErr >= OTEL_FACTOR * Math.max(tgAdded + tgErr, 0)
                    : otelAdded + otelErr < OTEL_FACTOR * Math.max(tgAdded - tgErr, 0));
            String factor = tgAdded <= 0 ? "tenant-guard adds nothing measurable"
                    : Format.plain(otelAdded / tgAdded, 1) + "× less";
            verdicts.add(new Verdict(target, Operations.label(op[0], op[1]), "tenant-guard " + Format.signedNanos(tgAdded, tgErr)
                    + ", OpenTelemetry " + Format.signedNanos(otelAdded, otelErr) + ": " + factor, met, decided));
        }
        if (!any) {
            notMeasured.add(target);
        }
    }

    private void startup() {
        String target = "start-up ≤ " + (int) STARTUP_MS + " ms added to hello world";
        Optional<StartupResult> base = data.startup("hello-world", RunData.BASELINE);
        Optional<StartupResult> tg = data.startup("hello-world", "tg-enforce");
        if (base.isEmpty() || tg.isEmpty()) {
            notMeasured.add(target);
            return;
        }
        double added = tg.get().median() - base.get().median();
        boolean met = added <= STARTUP_MS;
        // medians of n launches each: decided when even the extremes agree
        boolean decided = met ? tg.get().max() - base.get().min() <= STARTUP_MS : tg.get().min() - base.get().max() > STARTUP_MS;
        verdicts.add(new Verdict(target, "hello world, median of " + tg.get().samplesMs().size() + " launches",
                Format.plain(added, 0) + " ms added (" + Format.plain(tg.get().median(), 0) + " vs "
                        + Format.plain(base.get().median(), 0) + " ms)", met, decided));
    }
}
