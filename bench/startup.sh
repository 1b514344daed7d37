#!/usr/bin/env bash
# Time from starting `floe server` (an already built jar) to its first answer on /healthz, a few
# times, with an empty data directory and with one holding a stream of a million records.
#
#   bench/startup.sh [runs]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${1:-5}
"$ROOT/floe" --version >/dev/null   # builds the jar when needed
# shellcheck source=../bin/jdk.sh
source "$ROOT/bin/jdk.sh"
JDK=$(find_jdk)
JAR=$(ls -t "$ROOT"/floe-server/target/floe-server-*.jar | head -n 1)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/floe-startup.XXXXXX")
PORT=18787
SERVER_PID=""
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# Sets ELAPSED to the milliseconds from launch until /healthz answers; leaves the server running.
start_and_time() {
  local data=$1 started
  started=$(date +%s%N)
  "$JDK/bin/java" -jar "$JAR" server --port "$PORT" --data-dir "$data" >/dev/null 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    if curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
      ELAPSED=$(( ($(date +%s%N) - started) / 1000000 ))
      return
    fi
    sleep 0.01
  done
  echo "the server did not answer within 6 s" >&2
  exit 1
}

stop() {
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

echo "## Startup to first /healthz answer (ms)"
empty=()
for run in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/empty"
  start_and_time "$WORK/empty"
  empty+=("$ELAPSED")
  stop
done
echo "- empty data directory: ${empty[*]}"

start_and_time "$WORK/full"
ID=$(curl -sf -X POST "http://127.0.0.1:$PORT/client/v4/accounts/local/pipelines/v1/streams" \
  -d '{"name":"filled","http":{"authentication":false}}' | sed -n 's/.*"id":"\([0-9a-f]*\)".*/\1/p')
{ printf '['; printf '{"event":"%0280d"},' $(seq 1 999); printf '{"event":"last"}]'; } > "$WORK/batch.json"
for _ in $(seq 1 1000); do
  curl -sf -X POST "http://127.0.0.1:$PORT/ingest/$ID" --data-binary "@$WORK/batch.json" >/dev/null
done
stop
full=()
for run in $(seq 1 "$RUNS"); do
  start_and_time "$WORK/full"
  full+=("$ELAPSED")
  stop
done
echo "- data directory holding 1,000,000 records ($(du -sh "$WORK/full" | cut -f1)): ${full[*]}"
