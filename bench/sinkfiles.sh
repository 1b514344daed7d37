#!/usr/bin/env bash
# How fast a sink's buffered rows become files in a local bucket, per format.
#
#   bench/sinkfiles.sh [rows-per-roll] [rounds] [engine threads]
#   bench/sinkfiles.sh 1000000 3 1
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=prepare.sh
source "$ROOT/bench/prepare.sh"

"$JDK/bin/java" -Xmx1g -DFLOE_LOG_LEVEL=WARN --enable-native-access=ALL-UNNAMED \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.floe.bench.SinkFilesBenchmark "$WORK" "${1:-1000000}" "${2:-3}" "${3:-1}"
