#!/usr/bin/env bash
# The same queries (aggregate, selective filter, point lookup, JSON extraction) through floe's R2 SQL
# API and through DuckDB directly over the same Parquet files, in one run, on a table of events
# partitioned by day whose files carry bloom filters for their id column.
#
#   bench/query.sh [rows] [days] [files per day] [runs]
#   bench/query.sh 10000000 30 24 9
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=prepare.sh
source "$ROOT/bench/prepare.sh"

describe_machine
run_benchmark 4g QueryBenchmark "$WORK" "${1:-10000000}" "${2:-30}" "${3:-24}" "${4:-9}"
