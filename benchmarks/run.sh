#!/usr/bin/env bash
# Builds the agent, the file-store and notes-service demos and benchmarks.jar (and fetches the
# OpenTelemetry agent through Maven), then runs the suite: every benchmark in each of its arms (no
# agent, tenant-guard allow path, tenant-guard report-mode deny path, OpenTelemetry agent,
# SecurityManager) with -prof gc, the start-up launches, and writes RESULTS.md + results-ratios.svg
# from the run's JSON.
#
#   benchmarks/run.sh [--smoke | --quick | --full] [--no-startup] [--arms a,b] [--prof stack]
#                     [--jvm-arg ARG ...] [--compare <agent jar built before>] [benchmark regex ...]
#
# --jvm-arg ARG  one more argument for every fork of every arm (repeatable), e.g. -XX:-DoEscapeAnalysis or
#          -XX:StartFlightRecording=filename=...,settings=profile with one --arms at a time (JDK 17 cannot
#          name a recording per process)
#
# --compare JAR  adds the arm tg-before: tg-enforce's forks with that build of the agent (e.g. built from
#          an earlier commit), taking turns with the other arms fork by fork: a change's before and after
#          side by side in one run (see docs/benchmarks.md, "Before and after a change")
#
# --smoke  the CI pass, well under a minute: the first benchmark of each class in every arm the class
#          runs in, each arm's benchmarks in one JVM without JMH forks (the report arm: one JVM per
#          class, as its reporter writes a call site once per JVM), no warm-up, one 10 ms iteration;
#          1 launch per start-up application and arm; every JVM C1-only (-XX:TieredStopAtLevel=1).
#          What it proves: benchmarks.jar, the fixture and the report generator work; each class's
#          set-up proves its arm is what the report calls it before anything is measured
#          (tenant-guard enforce refuses another tenant's file, row and URL; report mode lets them
#          through and writes each to its JSONL report; the SecurityManager refuses the other
#          tenant's file; OpenTelemetry traces the JDBC and HTTP calls and carries its span to
#          another thread; the agent-less arms let everything through untraced) and the measured
#          call then runs in that arm; every start-up application reaches its ready point (its
#          exit, ready line or first 2xx answer) in every arm it runs in, and an arm it leaves out
#          is named with its reason. The numbers mean nothing; output in target/smoke-results/
# --quick  under 10 minutes on 2 cores: 1 fork, short warm-up, 10 launches; a first look
# --full   (default) the numbers to quote: 5 forks x (10 x 1 s warm-up + 5 x 1 s), 15 launches
# Quick and full runs write results/<UTC time>-<length>/ (jmh.json, startup.json, run.json) and
# regenerate benchmarks/RESULTS.md and benchmarks/results-ratios.svg from it.
#
# Environment: JAVA (default $JAVA_HOME/bin/java, else java) runs the benchmarks and their forks,
# e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java (no SecurityManager arm from JDK 24 on);
# MAVEN_ARGS is passed to mvn (e.g. -o); SKIP_BUILD=1 reuses the jars already built.
# PostgreSQL must listen on 127.0.0.1:5432 (trust authentication, database test) unless the
# regexes leave PostgresSelectBenchmark out.
set -euo pipefail

bench_dir="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$bench_dir")"
java="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    # package, never install: the reactor resolves the agent modules from their target/ folders.
    (cd "$root" && mvn -B -q ${MAVEN_ARGS:-} -DskipTests package -pl benchmarks,test-apps/file-store,test-apps/notes-service -am)
fi

# From the module directory: the runner's default paths (../agent/core/target/..., target/otel/...,
# startup/, results/) are relative to it.
cd "$bench_dir"
exec "$java" -jar target/benchmarks.jar "$@"
