package dev.tenantguard.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** How long to measure: the flag chooses between trustworthy numbers and a quick answer. */
enum RunLength {
    /** Proves the jar, the agent and the benchmarks work (CI); the numbers mean nothing. */
    SMOKE(1, 1, TimeValue.milliseconds(200), 1, TimeValue.milliseconds(200)),
    /** A first look in under a minute; one fork does not average out JIT luck. */
    QUICK(1, 3, TimeValue.seconds(1), 3, TimeValue.seconds(1)),
    /**
     * The numbers to quote. File reads here settle only after about 8 s of warm-up, and one
     * fork's code layout can be off by several percent, hence 2 forks (FIELD-NOTES "Peers").
     */
    FULL(2, 8, TimeValue.seconds(1), 5, TimeValue.seconds(1));

    final int forks;
    final int warmups;
    final TimeValue warmupTime;
    final int measurements;
    final TimeValue measurementTime;

    RunLength(int forks, int warmups, TimeValue warmupTime, int measurements, TimeValue measurementTime) {
        this.forks = forks;
        this.warmups = warmups;
        this.warmupTime = warmupTime;
        this.measurements = measurements;
        this.measurementTime = measurementTime;
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

    /** For the report header, e.g. "2 forks × (8 × 1 s warm-up + 5 × 1 s)". */
    String describe() {
        return forks + (forks == 1 ? " fork" : " forks") + " × (" + warmups + " × " + format(warmupTime)
                + " warm-up + " + measurements + " × " + format(measurementTime) + ")";
    }

    private static String format(TimeValue time) {
        return time.getTimeUnit() == TimeUnit.SECONDS ? time.getTime() + " s" : time.convertTo(TimeUnit.MILLISECONDS) + " ms";
    }
}
