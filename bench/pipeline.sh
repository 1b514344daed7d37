#!/usr/bin/env bash
# Throughput from a filled stream to committed zstd Parquet files through a reshaping pipeline, and,
# in the same run, DuckDB alone converting the same events from one NDJSON file: the native ceiling.
#
#   bench/pipeline.sh [events] [max heap] [warm-up events]
#   bench/pipeline.sh 3000000 1g 750000
# The server first runs the pipeline over a stream of its own of the warm-up events (a quarter of
# the events unless given), so that the measured run finds its code compiled.
# BENCH_JAVA_OPTS adds JVM options, such as -XX:StartFlightRecording=filename=pipeline.jfr for a profile.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=prepare.sh
source "$ROOT/bench/prepare.sh"

echo "## Machine"
echo "- CPU: $(nproc) x $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1); load before the run: $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo "- JDK: $("$JDK/bin/java" -version 2>&1 | head -n 1); heap limit -Xmx${2:-1g}"
echo
"$JDK/bin/java" ${BENCH_JAVA_OPTS:-} "-Xmx${2:-1g}" -DFLOE_LOG_LEVEL=WARN --enable-native-access=ALL-UNNAMED \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.floe.bench.PipelineBenchmark "$WORK" "${1:-3000000}" ${3:+"$3"}
