#!/usr/bin/env bash
# Regenerates benchmarks/RESULTS.md and benchmarks/results-ratios.svg from a committed run's JSON
# alone (no benchmark runs, no Maven: the generator uses the JDK only).
#
#   benchmarks/report.sh [results/<run directory>]    (default: the newest run under results/)
set -euo pipefail

bench_dir="$(cd "$(dirname "$0")" && pwd)"
java="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
javac="$(dirname "$(command -v "$java")")/javac"
[[ -x "$javac" ]] || javac=javac

cd "$bench_dir"
rm -rf target/report-classes
"$javac" -d target/report-classes src/main/java/dev/tenantguard/bench/report/*.java
exec "$java" -cp target/report-classes dev.tenantguard.bench.report.ResultsReport "$@"
