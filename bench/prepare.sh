# Sourced by the benchmark scripts once they have set ROOT: finds a JDK (JDK, exported as JAVA_HOME
# too), builds the bench module and what it depends on, and makes WORK, a scratch directory that is
# removed at exit (under FLOE_BENCH_DIR when set); describe_machine and run_benchmark.
# shellcheck source=../bin/jdk.sh
source "$ROOT/bin/jdk.sh"
JDK=$(find_jdk)
[[ -n "$JDK" ]] || { echo "no JDK $MIN_JAVA or newer found" >&2; exit 1; }
export JAVA_HOME=$JDK

(cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am >&2)

WORK=$(mktemp -d "${FLOE_BENCH_DIR:-${TMPDIR:-/tmp}}/floe-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Prints what the numbers were measured on, for docs/BENCHMARKS.md.
describe_machine() {
  echo "## Machine"
  echo "- CPU: $(nproc) x $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
  echo "- memory: $(free -g | awk '/^Mem:/ {print $2}') GiB; kernel $(uname -r)"
  echo "- file system of the data: $(df -hT "$WORK" | awk 'NR==2 {print $1, $2, $3}')"
  echo "- JDK: $("$JDK/bin/java" -version 2>&1 | head -n 1)"
  echo
}

# Runs a benchmark class of the bench module: run_benchmark <max heap> <class> [arguments...].
run_benchmark() {
  local heap=$1 class=$2
  shift 2
  "$JDK/bin/java" "-Xmx$heap" -DFLOE_LOG_LEVEL=WARN --enable-native-access=ALL-UNNAMED \
    -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" "dev.floe.bench.$class" "$@"
}
