#!/usr/bin/env bash
# The object runtime's hot path: latency of a state-changing call that emits an event, calls/s across
# many objects, and whether delivery to a floe server (in the same JVM) keeps up.
#
#   bench/objects.sh [objects] [calling threads] [seconds per phase]
#   bench/objects.sh 1000 4 10
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OBJECTS=${1:-1000}
THREADS=${2:-4}
SECONDS_PER_PHASE=${3:-10}
# shellcheck source=prepare.sh
source "$ROOT/bench/prepare.sh"

describe_machine
echo "## Object runtime"
"$JDK/bin/java" -Xmx2g -DFLOE_LOG_LEVEL=WARN --enable-native-access=ALL-UNNAMED \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.floe.bench.ObjectsBenchmark "$WORK" "$OBJECTS" "$THREADS" "$SECONDS_PER_PHASE"
