package dev.tenantguard.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A benchmark class that {@link BenchmarkRunner} runs in the {@code no-agent} arm only: it calls
 * agent code in process (a copy shaded into benchmarks.jar), so a run with {@code -javaagent} would
 * measure nothing the arm without it does not, and only cost minutes. Its rows have no ratio.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface NoAgentArmOnly {
}
