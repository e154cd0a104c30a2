package dev.tenantguard.bench.report;

import java.util.List;
import java.util.Map;

/**
 * One benchmark in one arm, as JMH's JSON has it: the score with its 99.9% half-width (NaN when
 * JMH could not give one), the mean of each fork's iterations, and the bytes allocated per
 * operation of the GC profiler.
 *
 * @param benchmarkClass the simple class name, e.g. {@code FileIoBenchmark}
 * @param operation      the method, with its parameters if any, e.g. {@code ownTenant [rules=100]}
 * @param forkMeans      the mean of each fork's measured iterations (JMH's {@code rawData})
 */
record Measurement(String benchmarkClass, String operation, String arm, double score, double error, String unit,
        Double bytesPerOp, double bytesPerOpError, double[] forkMeans) {

    static final String ARM_PROPERTY = "-Dtg.bench.arm=";

    /** Reads one entry of JMH's JSON; the arm comes from the fork's {@code -Dtg.bench.arm}. */
    @SuppressWarnings("unchecked")
    static Measurement fromJmh(Map<String, Object> entry) {
        String benchmark = (String) entry.get("benchmark");
        String[] parts = benchmark.split("\\.");
        String method = parts[parts.length - 1];
        String benchmarkClass = parts.length > 1 ? parts[parts.length - 2] : "";
        Map<String, Object> params = (Map<String, Object>) entry.get("params");
        if (params != null && !params.isEmpty()) {
            StringBuilder suffix = new StringBuilder(" [");
            params.forEach((k, v) -> suffix.append(suffix.length() > 2 ? ", " : "").append(k).append('=').append(v));
            method += suffix.append(']');
        }
        String arm = null;
        for (Object arg : (List<Object>) entry.getOrDefault("jvmArgs", List.of())) {
            if (arg instanceof String s && s.startsWith(ARM_PROPERTY)) {
                arm = s.substring(ARM_PROPERTY.length());
            }
        }
        if (arm == null) {
            throw new IllegalArgumentException(benchmark + ": no " + ARM_PROPERTY + " in its jvmArgs: not a run of this suite");
        }
        Map<String, Object> primary = (Map<String, Object>) entry.get("primaryMetric");
        Map<String, Object> secondary = (Map<String, Object>) entry.getOrDefault("secondaryMetrics", Map.of());
        Map<String, Object> alloc = (Map<String, Object>) secondary.get("gc.alloc.rate.norm");
        return new Measurement(benchmarkClass, method, arm, number(primary.get("score")), number(primary.get("scoreError")),
                (String) primary.get("scoreUnit"), alloc == null ? null : number(alloc.get("score")),
                alloc == null ? Double.NaN : number(alloc.get("scoreError")),
                forkMeans((List<Object>) primary.getOrDefault("rawData", List.of())));
    }

    /** JMH's rawData: one list of iteration scores per fork. */
    @SuppressWarnings("unchecked")
    private static double[] forkMeans(List<Object> rawData) {
        double[] means = new double[rawData.size()];
        for (int fork = 0; fork < means.length; fork++) {
            List<Object> iterations = (List<Object>) rawData.get(fork);
            double sum = 0;
            for (Object iteration : iterations) {
                sum += number(iteration);
            }
            means[fork] = iterations.isEmpty() ? Double.NaN : sum / iterations.size();
        }
        return means;
    }

    /** JMH writes NaN as a string. */
    static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            return Double.parseDouble(s);
        }
        return Double.NaN;
    }

    /** Relative half-width, NaN when unknown. */
    double relativeError() {
        return error / score;
    }
}
