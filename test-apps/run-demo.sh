#!/usr/bin/env bash
# Builds the agent and the file-store app, runs the demo under the agent and prints the
# violations it recorded. Usage: test-apps/run-demo.sh [report|enforce]   (default: report)
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
  # The agent modules through the root reactor, the app through its own pom: this works whether
  # or not test-apps/file-store is listed as a module in the root pom yet.
  mvn -B -q -f "$repo/pom.xml" -DskipTests install -pl agent/api,agent/core -am
  mvn -B -q -f "$app/pom.xml" -DskipTests package
fi
[ -f "$agent" ] || { echo "agent jar not found: $agent" >&2; exit 1; }

cd "$app"
# Fresh data and report: the demo seeds its own data, and the JSONL file is appended to.
rm -rf target/demo-data target/tenant-violations.jsonl

echo "== running the demo with the agent, mode=$mode"
java "-javaagent:$agent=config=tenant-guard.yaml,mode=$mode" -jar target/file-store.jar target/demo-data

jsonl=target/tenant-violations.jsonl
echo
echo "== violations recorded in test-apps/file-store/$jsonl"
if [ ! -s "$jsonl" ]; then
  echo "(none)"
  exit 0
fi
# One row per (kind, operation, call site): the agent may write a line again as its count grows,
# so the last line of each wins. The agent writes flat string fields, so a regex per field is
# enough. Audit lines (privileged scopes entered) are shown too, with action AUDIT and the reason.
awk '
  function field(name, none) {
    if (match($0, "\"" name "\":\"([^\"\\\\]|\\\\.)*\"")) {
      return substr($0, RSTART + length(name) + 4, RLENGTH - length(name) - 5)
    }
    return none
  }
  function number(name) {
    return match($0, "\"" name "\":[0-9]+") ? substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 3) : "-"
  }
  {
    key = field("kind") "|" field("operation") "|" field("callSite")
    if (!(key in row)) order[++n] = key
    what = field("resource", field("reason", "-")); sub(/.*\/demo-data\//, "", what)
    row[key] = sprintf("%-13s %-8s %-10s %-40s %-16s %-5s %s", field("kind", "-"), field("action", "-"),
      field("operation", "-"), what, field("activeTenant", "(none)") "->" field("resourceTenant", "-"),
      number("count"), field("callSite", "-"))
  }
  END {
    printf "%-13s %-8s %-10s %-40s %-16s %-5s %s\n", "KIND", "ACTION", "OPERATION", "RESOURCE / REASON",
      "ACTIVE->OWNER", "COUNT", "CALL SITE"
    for (i = 1; i <= n; i++) print row[order[i]]
  }
' "$jsonl"
