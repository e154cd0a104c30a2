package dev.tenantguard.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The outcome of all arms side by side: one row per benchmark, the score of each arm, and each
 * arm's ratio to the first (the baseline without the agent).
 */
final class ResultTable {
    private static final String ALLOC_NORM = "gc.alloc.rate.norm";

    /** benchmark (Class.method) → arm name → score. Insertion order is kept for stable output. */
    private final Map<String, Map<String, Score>> rows = new LinkedHashMap<>();
    private final List<String> arms = new ArrayList<>();

    /**
     * @param bytesPerOp {@code null} without the GC profiler; else per fork, because forks of the
     *                   same arm can differ by an object (one JIT compiles the escape analysis
     *                   differently) and a mean would hide that
     */
    record Score(double value, double error, String unit, List<Double> bytesPerOp) {
    }

    void add(String arm, Collection<RunResult> results) {
        arms.add(arm);
        for (RunResult result : results) {
            Result<?> primary = result.getPrimaryResult();
            List<Double> alloc = result.getBenchmarkResults().stream()
                    .map(fork -> fork.getSecondaryResults().get(ALLOC_NORM))
                    .filter(Objects::nonNull)
                    .map(Result::getScore)
                    .toList();
            String benchmark = shortName(result.getParams().getBenchmark());
            rows.computeIfAbsent(benchmark, b -> new LinkedHashMap<>()).put(arm, new Score(
                    primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
                    alloc.isEmpty() ? null : alloc));
        }
    }

    /** The table as GitHub Markdown; it reads well enough on a terminal too. */
    String toMarkdown() {
        boolean gc = rows.values().stream().flatMap(r -> r.values().stream()).anyMatch(s -> s.bytesPerOp() != null);
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("benchmark"));
        for (String arm : arms) {
            header.add(arm + " (" + unit() + ")");
            if (!arm.equals(baseline())) {
                header.add("ratio");
            }
        }
        if (gc) {
            arms.forEach(arm -> header.add(arm + " B/op"));
            arms.stream().skip(1).forEach(arm -> header.add("B/op added by " + arm));
        }
        line(out, header);
        line(out, header.stream().map(h -> "---").toList());
        for (Map.Entry<String, Map<String, Score>> row : rows.entrySet()) {
            List<String> cells = new ArrayList<>(List.of(row.getKey()));
            Score base = row.getValue().get(baseline());
            for (String arm : arms) {
                Score score = row.getValue().get(arm);
                cells.add(score == null ? "–" : scoreCell(score));
                if (!arm.equals(baseline())) {
                    cells.add(ratio(base, score));
                }
            }
            if (gc) {
                for (String arm : arms) {
                    Score score = row.getValue().get(arm);
                    cells.add(score == null || score.bytesPerOp() == null ? "–" : range(score.bytesPerOp(), "%,.1f"));
                }
                for (String arm : arms.subList(1, arms.size())) {
                    cells.add(addedBytes(base, row.getValue().get(arm)));
                }
            }
            line(out, cells);
        }
        return out.toString();
    }

    /**
     * Fewest against fewest and most against most bytes: with forks split between two
     * allocation profiles in both arms, that says what the agent adds in either profile.
     */
    private static String addedBytes(Score base, Score score) {
        if (base == null || score == null || base.bytesPerOp() == null || score.bytesPerOp() == null) {
            return "–";
        }
        double fewest = Collections.min(score.bytesPerOp()) - Collections.min(base.bytesPerOp());
        double most = Collections.max(score.bytesPerOp()) - Collections.max(base.bytesPerOp());
        return Math.abs(fewest - most) < 1 ? fmt("%+,.1f", most) : fmt("%+,.1f (fewest) / %+,.1f (most)", fewest, most);
    }

    /** One value when the forks agree within a byte, else the range over the forks. */
    private static String range(List<Double> values, String format) {
        double min = Collections.min(values);
        double max = Collections.max(values);
        return max - min < 1 ? fmt(format, max) : fmt(format + "–" + format, min, max);
    }

    /** JMH gives no error for a single iteration (NaN): print the score alone then. */
    private static String scoreCell(Score score) {
        return Double.isNaN(score.error())
                ? fmt("%,.1f", score.value())
                : fmt("%,.1f ± %,.1f", score.value(), score.error());
    }

    /**
     * The ratio with its error: relative errors (JMH's 99.9% half-widths) added in quadrature,
     * so a ratio of 1.02 ± 0.05 reads as "no measurable difference".
     */
    private static String ratio(Score base, Score score) {
        if (base == null || score == null || base.value() == 0) {
            return "–";
        }
        double ratio = score.value() / base.value();
        if (Double.isNaN(base.error()) || Double.isNaN(score.error())) {
            return fmt("×%.3f", ratio);
        }
        double relative = Math.hypot(base.error() / base.value(), score.error() / score.value());
        return fmt("×%.3f ± %.3f", ratio, ratio * relative);
    }

    private String baseline() {
        return arms.get(0);
    }

    private String unit() {
        return rows.values().stream().flatMap(r -> r.values().stream()).map(Score::unit).findFirst().orElse("");
    }

    private static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
