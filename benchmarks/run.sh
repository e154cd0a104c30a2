#!/usr/bin/env bash
# Builds the agent jar and benchmarks.jar, then runs every benchmark without and with the agent
# (classes marked @NoAgentArmOnly, which call agent code in process, only without).
#
#   benchmarks/run.sh [--smoke | --quick | --full] [--gc] [benchmark regex ...]
#
# --smoke  seconds; proves it works (CI), numbers mean nothing; results go to target/smoke-results
# --quick  about a minute, 1 fork
# default  the numbers to quote: 2 forks x (8 x 1 s warm-up + 5 x 1 s), a few minutes
# --gc     adds JMH's GC profiler: B/op per arm
#
# Environment: JAVA (default $JAVA_HOME/bin/java, else java) runs the benchmarks and their forks,
# e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; MAVEN_ARGS is passed to mvn (e.g. -o);
# SKIP_BUILD=1 reuses the jars already built.
set -euo pipefail

bench_dir="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$bench_dir")"
java="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    # The agent modules by path, the benchmarks by their own pom: this works whether or not the
    # root pom lists the benchmarks module yet.
    (cd "$root" && mvn -B -q ${MAVEN_ARGS:-} -DskipTests -pl agent/api,agent/core -am install)
    (cd "$root" && mvn -B -q ${MAVEN_ARGS:-} -DskipTests -f benchmarks/pom.xml package)
fi

# From the module directory: the runner's default agent jar (../agent/core/target/...) and
# results directory (results/) are relative to it.
cd "$bench_dir"
exec "$java" -jar target/benchmarks.jar "$@"
