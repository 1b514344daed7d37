#!/usr/bin/env bash
# Compaction of a table of many small files in a local bucket: its throughput, and the same query
# (planned with Iceberg, run by DuckDB) before and after. Files with small row groups are rewritten by
# DuckDB; files whose row groups hold 122,880 rows (as a sink's larger rolls) are merged row group by
# row group.
#
#   bench/compaction.sh [total MB] [file MB] [row-group rows] [days] [target MB]
#   bench/compaction.sh 3072 2 10000 3 128       rewritten by DuckDB
#   bench/compaction.sh 3072 24 122880 3 128     merged by copying row groups
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=prepare.sh
source "$ROOT/bench/prepare.sh"

describe_machine
"$JDK/bin/java" -Xmx2g -DFLOE_LOG_LEVEL=INFO --enable-native-access=ALL-UNNAMED \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.floe.bench.CompactionBenchmark "$WORK" "${1:-3072}" "${2:-2}" "${3:-10000}" "${4:-3}" "${5:-128}"
