# Finds a JDK 21 or newer; sourced by ./floe and the benchmark scripts.
# shellcheck shell=bash

readonly MIN_JAVA=21

# Prints the major Java version of the JDK at $1, or 0 when it is not a JDK (building needs javac).
# Reads the JDK's release file rather than starting a JVM, to keep startup fast.
jdk_major() {
  local home=$1 version=""
  if [[ ! -x "$home/bin/java" || ! -x "$home/bin/javac" ]]; then
    echo 0
    return
  fi
  if [[ -r "$home/release" ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$home/release")
  fi
  if [[ -z "$version" ]]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  version=${version#1.}          # 1.8.0_292 names Java 8
  version=${version%%[!0-9]*}    # 21.0.2, 25+36, 22-ea: the leading number
  echo "${version:-0}"
}

# Prints the JDK to use: $JAVA_HOME if it is new enough, then the one of `java` on the PATH, then
# the newest in the usual install folders.
find_jdk() {
  if [[ -n "${JAVA_HOME:-}" ]] && (( $(jdk_major "$JAVA_HOME") >= MIN_JAVA )); then
    echo "$JAVA_HOME"
    return
  fi
  local java_on_path
  if java_on_path=$(command -v java 2>/dev/null); then
    java_on_path=$(readlink -f "$java_on_path" 2>/dev/null || echo "$java_on_path")
    local path_home
    path_home=$(dirname "$(dirname "$java_on_path")")
    if (( $(jdk_major "$path_home") >= MIN_JAVA )); then
      echo "$path_home"
      return
    fi
  fi
  local candidate major best="" best_major=0
  shopt -s nullglob
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    major=$(jdk_major "$candidate")
    if (( major > best_major )); then
      best=$candidate
      best_major=$major
    fi
  done
  shopt -u nullglob
  if (( best_major >= MIN_JAVA )); then
    echo "$best"
  fi
}
