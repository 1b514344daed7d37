#!/usr/bin/env bash
# Compaction of a table of many small files in a local bucket: its throughput, and the same query
# (planned with Iceberg, run by DuckDB) before and after. Files whose row groups hold on average at
# least 61,440 rows (half of DuckDB's, as a sink's rolls of that many rows or more) are merged row
# group by row group; files with smaller row groups are merged page by page into row groups of
# DuckDB's size. A file holds one row group when a row group is larger than the file size: it is
# then what a sink's roll of that many rows leaves.
#
#   bench/compaction.sh [total MB] [file MB] [row-group rows] [days] [target MB]
#   bench/compaction.sh 3072 2 65536 3 128       a sink's rolls of 65,536 rows: merged by copying
#   bench/compaction.sh 3072 24 122880 3 128     24 MB files of full row groups: merged by copying
#   bench/compaction.sh 1024 0.3 10000 3 128     a sink's rolls of 10,000 rows: merged page by page
#   bench/compaction.sh 3072 2 10000 3 128       2 MB files of 10,000-row groups: merged page by page
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=prepare.sh
source "$ROOT/bench/prepare.sh"

describe_machine
"$JDK/bin/java" -Xmx2g -DFLOE_LOG_LEVEL=${FLOE_LOG_LEVEL:-INFO} --enable-native-access=ALL-UNNAMED \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.floe.bench.CompactionBenchmark "$WORK" "${1:-3072}" "${2:-2}" "${3:-10000}" "${4:-3}" "${5:-128}"
