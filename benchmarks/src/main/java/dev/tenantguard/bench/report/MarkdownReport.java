package dev.tenantguard.bench.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** RESULTS.md: the header a reader needs to judge the numbers, the targets, the tables, the chart. */
final class MarkdownReport {
    private MarkdownReport() {
    }

    static String render(RunData data, Targets targets, Path jsonDir, String chartFile) {
        StringBuilder out = new StringBuilder();
        String length = data.runField("length");
        out.append("# tenant-guard benchmarks").append(switch (length) {
            case "quick" -> " — QUICK PASS: a first look, not the numbers to quote";
            case "smoke" -> " — SMOKE PASS: proves the suite runs; the numbers mean nothing";
            default -> "";
        }).append("\n\n");
        out.append("Generated (by `benchmarks/run.sh`, or `benchmarks/report.sh` from committed results) from the JSON in `").append(jsonDir.toString().replace('\\', '/'))
                .append("` alone; do not edit by hand.\n\n");
        out.append("- date: ").append(data.runField("date")).append('\n');
        out.append("- JDK: ").append(data.runField("jvm")).append('\n');
        out.append("- CPUs: ").append(data.runField("cpus")).append(" (").append(data.runField("os")).append(")\n");
        out.append("- run: ").append(length).append(", ").append(data.runField("lengthDescription"))
                .append("; JMH mode avgt, `-prof gc` on every fork\n");
        out.append("- commit measured: ").append(data.runField("commit")).append('\n');
        if (data.hasRunField("benchmarks")) {
            out.append("- benchmarks selected: `").append(data.runField("benchmarks")).append("`\n");
        }
        out.append("- agents: tenant-guard ").append(data.runField("tenantGuardAgent")).append("; OpenTelemetry Java agent ")
                .append(data.runField("otelAgentVersion")).append('\n');
        out.append("- arms: ");
        String sep = "";
        for (var arm : data.arms.entrySet()) {
            out.append(sep).append('`').append(arm.getKey()).append("` ").append(arm.getValue());
            sep = "; ";
        }
        out.append("\n- intervals: a ratio or an added time is given with its 95% interval over forks, `[lo, hi]`: each"
                + " fork's mean is one sample, forks are resampled with replacement on each side (percentile bootstrap,"
                + " 10,000 resamples, seeded by the data). With fewer than 2 forks JMH's iteration error stands in, marked"
                + " `~[lo, hi]`. time/op: JMH's score ± its 99.9% iteration half-width. \"B/op added\" is the arm's"
                + " allocation per operation minus the no-agent arm's.\n\n");

        targets(out, targets);
        tables(out, data);
        startup(out, data);
        if (chartFile != null) {
            out.append("## Ratios to no agent\n\n![time per operation, each arm over no agent](").append(chartFile)
                    .append(")\n");
        }
        return out.toString();
    }

    private static void targets(StringBuilder out, Targets targets) {
        out.append("## Targets\n\n");
        out.append("**MET**: the whole 95% interval is within the target. **MISSED**: the whole interval is beyond it. "
                + "**UNRESOLVED**: the interval reaches across the target, so this run shows neither; it counts as missed "
                + "(\"estimate\" names the side the point estimate is on).\n\n");
        out.append("| target | what | measured | verdict |\n| --- | --- | --- | --- |\n");
        for (Targets.Verdict v : targets.verdicts()) {
            out.append("| ").append(v.target()).append(" | ").append(v.subject()).append(" | ").append(v.measured())
                    .append(" | ").append(verdict(v)).append(" |\n");
        }
        for (String target : targets.notMeasured()) {
            out.append("| ").append(target).append(" | – | not measured in this run | **NOT MEASURED** |\n");
        }
        long met = targets.verdicts().stream().filter(Targets.Verdict::shownMet).count();
        long missed = targets.verdicts().stream().filter(Targets.Verdict::shownMissed).count();
        long unresolved = targets.verdicts().size() - met - missed;
        out.append("\n").append(met).append(" of ").append(targets.verdicts().size()).append(" checks met, ")
                .append(missed).append(" missed, ").append(unresolved).append(" unresolved (counted as missed), ")
                .append(targets.notMeasured().size()).append(" targets not measured.\n\n");
    }

    private static String verdict(Targets.Verdict v) {
        if (v.shownMet()) {
            return "**MET**";
        }
        if (v.shownMissed()) {
            return "**MISSED**";
        }
        return "**UNRESOLVED** (estimate " + (v.met() ? "within" : "beyond") + " the target)";
    }

    private static void tables(StringBuilder out, RunData data) {
        out.append("## Time and allocation per operation\n\n");
        for (String benchmarkClass : data.benchmarkClasses()) {
            out.append("### ").append(Operations.section(benchmarkClass)).append("\n\n");
            out.append("| operation | arm | time/op | ratio to no agent | B/op | B/op added |\n");
            out.append("| --- | --- | --- | --- | --- | --- |\n");
            for (String operation : data.operations(benchmarkClass)) {
                Optional<Measurement> base = data.find(benchmarkClass, operation, RunData.BASELINE);
                for (String arm : data.arms.keySet()) {
                    Optional<Measurement> found = data.find(benchmarkClass, operation, arm);
                    if (found.isEmpty()) {
                        continue;
                    }
                    Measurement m = found.get();
                    out.append("| ").append(Operations.label(benchmarkClass, operation)).append(" | ").append(arm)
                            .append(" | ").append(Format.nanos(m.score(), m.error())).append(" | ")
                            .append(data.ratio(m).map(Format::ratio).orElse("–")).append(" | ")
                            .append(m.bytesPerOp() == null ? "–" : Format.bytes(m.bytesPerOp())).append(" | ")
                            .append(addedBytes(base, m)).append(" |\n");
                }
            }
            out.append('\n');
        }
    }

    private static String addedBytes(Optional<Measurement> base, Measurement m) {
        if (base.isEmpty() || m.arm().equals(RunData.BASELINE) || m.bytesPerOp() == null || base.get().bytesPerOp() == null) {
            return "–";
        }
        return Format.signedBytes(m.bytesPerOp() - base.get().bytesPerOp());
    }

    private static void startup(StringBuilder out, RunData data) {
        if (data.startup.isEmpty()) {
            return;
        }
        out.append("## Start-up\n\n");
        out.append("Process launches, arms taking turns").append(data.startupWarmUp == null ? ""
                : data.startupWarmUp ? ", after one unmeasured launch per application and arm" : ", no unmeasured launch first")
                .append(".\n\n");
        out.append("| application, until | arm | median | min – max | added to no agent (medians) |\n");
        out.append("| --- | --- | --- | --- | --- |\n");
        for (String app : data.startupApps()) {
            Optional<StartupResult> base = data.startup(app, RunData.BASELINE);
            for (StartupResult s : data.startup) {
                if (!s.app().equals(app)) {
                    continue;
                }
                out.append("| ").append(app).append(", ").append(s.until()).append(" | ").append(s.arm()).append(" | ")
                        .append(Format.plain(s.median(), 0)).append(" ms (n=").append(s.samplesMs().size()).append(") | ")
                        .append(Format.plain(s.min(), 0)).append(" – ").append(Format.plain(s.max(), 0)).append(" ms | ")
                        .append(base.isEmpty() || s.arm().equals(RunData.BASELINE) ? "–"
                                : (s.median() >= base.get().median() ? "+" : "−")
                                        + Format.plain(Math.abs(s.median() - base.get().median()), 0) + " ms")
                        .append(" |\n");
            }
        }
        out.append('\n');
        if (!data.startupLeftOut.isEmpty()) {
            for (RunData.StartupLeftOut left : data.startupLeftOut) {
                out.append("- ").append(left.arm()).append(": not measured for ").append(left.app()).append(" (")
                        .append(left.reason()).append(")\n");
            }
            out.append('\n');
        }
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }
}
