package dev.tenantguard.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The arms {@link BenchmarkRunner} runs a benchmark class in. An arm is left out where it has
 * nothing to measure: the SecurityManager guards no JDBC driver or HTTP call of its own kind here
 * (its file policy is the comparison), OpenTelemetry has no file hook, and in-process benchmarks of
 * the agent's logic (a copy shaded into benchmarks.jar) measure the same with or without
 * {@code -javaagent}, so they run once, without it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface InArms {
    BenchArm[] value();
}
