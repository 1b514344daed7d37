#!/usr/bin/env bash
# Durable ingest throughput over HTTP on loopback, and, in the same run and on the same file system,
# the disk's own fsynced sequential write speed: the physical limit ingest is measured against.
#
#   bench/ingest.sh [seconds-per-case] [batch sizes] [client counts]
#   bench/ingest.sh 10 100,1000 4,16
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_CASE=${1:-10}
BATCH_SIZES=${2:-100,1000}
CLIENTS=${3:-4,16}
# shellcheck source=prepare.sh
source "$ROOT/bench/prepare.sh"

describe_machine
echo "## Disk: fsynced sequential write (dd bs=1M count=2048 conv=fdatasync)"
dd if=/dev/zero of="$WORK/dd.test" bs=1M count=2048 conv=fdatasync 2>&1 | tail -n 1
rm -f "$WORK/dd.test"
echo
echo "## Durable ingest over HTTP (${SECONDS_PER_CASE}s per case, ~300-byte events)"
"$JDK/bin/java" -Xmx2g -DFLOE_LOG_LEVEL=WARN -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.floe.bench.IngestBenchmark "$WORK/data" "$SECONDS_PER_CASE" "$BATCH_SIZES" "$CLIENTS"
