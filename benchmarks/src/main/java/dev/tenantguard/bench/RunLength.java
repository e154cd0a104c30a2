package dev.tenantguard.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** How long to measure: the flag chooses between trustworthy numbers and a quick answer. */
enum RunLength {
    /**
     * Proves the jar, every arm and the report work (CI); the numbers mean nothing. No warm-up and
     * one short iteration: the checks that prove an arm run in each benchmark's set-up, before any
     * iteration; the iteration proves the measured call itself runs in the arm.
     */
    SMOKE(1, 0, TimeValue.milliseconds(10), 1, TimeValue.milliseconds(10), 1,
            List.of("-XX:TieredStopAtLevel=1")),
    /**
     * A first look within 10 minutes on 2 cores; one fork and short warm-up do not average out
     * JIT luck or settle file reads: read its ratios as ±10% at best. Eight short iterations
     * rather than four longer ones: JMH's 99.9% interval over 4 iterations is 12.9 standard
     * errors wide on each side, over 8 it is 5.4.
     */
    QUICK(1, 2, TimeValue.seconds(1), 8, TimeValue.milliseconds(250), 10, List.of()),
    /**
     * The numbers to quote. File reads here settle only after about 8 s of warm-up, HTTP after
     * about 10 s, and one fork's code layout can be off by several percent: the forks, not the
     * iterations, are the samples of the report's intervals, and 5 per arm is the least that lets a
     * percentile bootstrap over forks tell a 1% effect on this machine (FIELD-NOTES "Peers").
     */
    FULL(5, 10, TimeValue.seconds(1), 5, TimeValue.seconds(1), 15, List.of());

    final int forks;
    final int warmups;
    final TimeValue warmupTime;
    final int measurements;
    final TimeValue measurementTime;
    /** Launches per application and arm in the start-up measurement (the median is reported). */
    final int startupLaunches;
    /**
     * JVM arguments every benchmark JVM and start-up launch gets on top of its arm's. The smoke
     * pass's: C1 only, which halves the CPU time an agent's start takes (JMH's JVMs and the
     * launches are mostly agent start there); the JIT tier changes no arm's behaviour or check.
     */
    final List<String> extraJvmArgs;

    RunLength(int forks, int warmups, TimeValue warmupTime, int measurements, TimeValue measurementTime,
            int startupLaunches, List<String> extraJvmArgs) {
        this.forks = forks;
        this.warmups = warmups;
        this.warmupTime = warmupTime;
        this.measurements = measurements;
        this.measurementTime = measurementTime;
        this.startupLaunches = startupLaunches;
        this.extraJvmArgs = extraJvmArgs;
    }

    /**
     * One fork per JMH run: {@link BenchmarkRunner} runs {@link #forks} rounds itself, so the
     * arms alternate fork by fork instead of one arm taking all the quiet minutes.
     */
    ChainedOptionsBuilder applyTo(ChainedOptionsBuilder options) {
        return options.forks(1)
                .warmupIterations(warmups).warmupTime(warmupTime)
                .measurementIterations(measurements).measurementTime(measurementTime);
    }

    /** For the report header, e.g. "2 forks × (10 × 1 s warm-up + 5 × 1 s); start-up: median of 15 launches". */
    String describe() {
        if (this == SMOKE) {
            return "each arm's benchmarks in one JVM (report arm: one per class), no JMH forks, no warm-up, "
                    + measurements + " × " + format(measurementTime) + " per benchmark;"
                    + " start-up: " + startupLaunches + " launch per application and arm; all with "
                    + String.join(" ", extraJvmArgs);
        }
        return forks + (forks == 1 ? " fork" : " forks") + " × (" + warmups + " × " + format(warmupTime)
                + " warm-up + " + measurements + " × " + format(measurementTime) + ") per benchmark and arm;"
                + " start-up: " + startupLaunches + (startupLaunches == 1 ? " launch" : " launches") + " per application and arm";
    }

    private static String format(TimeValue time) {
        return time.getTimeUnit() == TimeUnit.SECONDS ? time.getTime() + " s" : time.convertTo(TimeUnit.MILLISECONDS) + " ms";
    }
}
