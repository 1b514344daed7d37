#!/usr/bin/env bash
# How fast a sink's buffered rows become files in a local bucket, per format.
#
#   bench/sinkfiles.sh [rows-per-roll] [rounds] [engine threads]
#   bench/sinkfiles.sh 1000000 3 1
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../bin/jdk.sh
source "$ROOT/bin/jdk.sh"
JDK=$(find_jdk)
[[ -n "$JDK" ]] || { echo "no JDK $MIN_JAVA or newer found" >&2; exit 1; }
export JAVA_HOME=$JDK

(cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am >&2)

WORK=$(mktemp -d "${FLOE_BENCH_DIR:-${TMPDIR:-/tmp}}/floe-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

"$JDK/bin/java" -Xmx1g -DFLOE_LOG_LEVEL=WARN --enable-native-access=ALL-UNNAMED \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.floe.bench.SinkFilesBenchmark "$WORK" "${1:-1000000}" "${2:-3}" "${3:-1}"
