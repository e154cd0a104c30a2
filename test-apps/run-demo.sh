#!/usr/bin/env bash
# Builds the agent and a test app, runs the app under the agent and ends with the report of the
# violations it recorded (a table by call site, and target/tenant-guard-report.html in the app's folder).
#
#   test-apps/run-demo.sh [report|enforce]              the notes service (default: report)
#   test-apps/run-demo.sh file-store [report|enforce]   the smaller file-store demo
#
# SKIP_BUILD=1 reuses the jars already built.
set -euo pipefail

mode=report
demo=notes-service
for arg in "$@"; do
  case "$arg" in
    report|enforce) mode="$arg" ;;
    notes-service|file-store) demo="$arg" ;;
    *) echo "usage: $0 [notes-service|file-store] [report|enforce]" >&2; exit 2 ;;
  esac
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
app="$here/$demo"
agent="$repo/agent/core/target/tenant-guard-agent.jar"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building the agent and $demo (tests skipped)"
  mvn -B -q -f "$repo/pom.xml" -DskipTests package -pl "test-apps/$demo" -am
fi
[ -f "$agent" ] || { echo "agent jar not found: $agent" >&2; exit 1; }

cd "$app"
# Fresh data and report: the apps seed their own data, and the JSONL file is appended to.
rm -rf target/demo-data target/demo target/tenant-violations.jsonl target/tenant-guard-report.html
mkdir -p target/demo

run_file_store() {
  echo "== running the file-store demo with the agent, mode=$mode"
  java "-javaagent:$agent=config=tenant-guard.yaml,mode=$mode" -jar target/file-store.jar target/demo-data
}

# Waits for a server's port file; fails with its log if the server died or took too long.
await_port() {
  local file="$1" pid="$2" log="$3"
  for _ in $(seq 300); do
    [ -s "$file" ] && { cat "$file"; return 0; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "server did not start; its log ($log):" >&2
  cat "$log" >&2
  return 1
}

billing_pid=""
notes_pid=""
# Stops what is still running when the script ends early (an error, Ctrl-C).
stop_servers() {
  [ -z "$notes_pid" ] || kill "$notes_pid" 2>/dev/null || true
  [ -z "$billing_pid" ] || kill "$billing_pid" 2>/dev/null || true
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

run_notes_service() {
  # The service caches notes in Redis and runs jobs over RabbitMQ: without them it cannot start.
  local missing=""
  port_open 6379 || missing="$missing Redis (127.0.0.1:6379: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no)"
  port_open 5672 || missing="$missing${missing:+;} RabbitMQ (127.0.0.1:5672, guest/guest: rabbitmq-server -detached)"
  if [ -n "$missing" ]; then
    echo "the notes demo needs Redis and RabbitMQ on 127.0.0.1; not reachable:$missing" >&2
    echo "start them and run this again (the file-store demo needs neither: $0 file-store)" >&2
    exit 1
  fi
  trap stop_servers EXIT
  # Billing listens on the port the policy's http rule names, 18089; if another program holds it,
  # on a free port, and the rule is overridden with that port (agent option http.rules).
  local policy_port=18089 billing_port=18089 agent_options="config=tenant-guard.yaml,mode=$mode"
  if port_open "$policy_port"; then billing_port=0; fi

  echo "== starting the billing service (no agent)"
  java -cp target/notes-service.jar com.example.notes.billing.BillingServer \
      --port "$billing_port" --port-file target/demo/billing.port >target/demo/billing.log 2>&1 &
  billing_pid=$!
  billing_port="$(await_port target/demo/billing.port "$billing_pid" target/demo/billing.log)"
  if [ "$billing_port" != "$policy_port" ]; then
    echo "   port $policy_port is taken: billing is on $billing_port, and http.rules is overridden to match"
    agent_options="$agent_options,http.rules=http://127.0.0.1:$billing_port/v1/tenants/{tenant}/**"
  fi

  echo "== starting the notes service with the agent, mode=$mode (log: target/demo/notes-service.log)"
  java "-javaagent:$agent=$agent_options" -jar target/notes-service.jar \
      --data target/demo-data --port 0 --billing "http://127.0.0.1:$billing_port" \
      --port-file target/demo/notes.port >target/demo/notes-service.log 2>&1 &
  notes_pid=$!
  local notes_port
  notes_port="$(await_port target/demo/notes.port "$notes_pid" target/demo/notes-service.log)"

  echo "== driving the scenario over HTTP as acme, globex and initech (bug-* steps are the planted bugs)"
  java -cp target/notes-service.jar com.example.notes.scenario.ScenarioDriver "http://127.0.0.1:$notes_port"

  # SIGTERM, as a service is stopped: the agent writes the final counts and its summary at exit.
  kill "$notes_pid"
  wait "$notes_pid" || true
  notes_pid=""
  kill "$billing_pid"
  wait "$billing_pid" || true
  billing_pid=""

  echo
  echo "== what the notes service printed (the agent's line per new violation, and its summary at exit)"
  cat target/demo/notes-service.log
}

if [ "$demo" = file-store ]; then run_file_store; else run_notes_service; fi

echo
echo "== the report of test-apps/$demo/target/tenant-violations.jsonl"
java -jar "$agent" report target/tenant-violations.jsonl --html target/tenant-guard-report.html
