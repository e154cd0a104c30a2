#!/usr/bin/env bash
# Builds the agent and the file-store app, runs the demo under the agent and prints the
# summary of violations the agent prints at exit. Usage: test-apps/run-demo.sh [report|enforce]   (default: report)
# SKIP_BUILD=1 reuses the jars already built.
set -euo pipefail

mode="${1:-report}"
case "$mode" in
  report|enforce) ;;
  *) echo "usage: $0 [report|enforce]" >&2; exit 2 ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
app="$here/file-store"
agent="$repo/agent/core/target/tenant-guard-agent.jar"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building the agent and the app (tests skipped)"
  mvn -B -q -f "$repo/pom.xml" -DskipTests install -pl test-apps/file-store -am
fi
[ -f "$agent" ] || { echo "agent jar not found: $agent" >&2; exit 1; }

cd "$app"
# Fresh data and report: the demo seeds its own data, and the JSONL file is appended to.
rm -rf target/demo-data target/tenant-violations.jsonl

echo "== running the demo with the agent, mode=$mode"
java "-javaagent:$agent=config=tenant-guard.yaml,mode=$mode" -jar target/file-store.jar target/demo-data

echo
echo "== the report of test-apps/file-store/target/tenant-violations.jsonl"
java -jar "$agent" report target/tenant-violations.jsonl --html target/tenant-guard-report.html
