#!/usr/bin/env bash
# Finds the PostgreSQL server programs the tests run the catalog against, installing Debian's
# PostgreSQL 15 when the machine has none.
#
#   bin/test-postgres.sh     prints, as its last line, the folder that holds initdb, pg_ctl and postgres
#
# The catalog tests on PostgreSQL (dev.floe.testing.LocalPostgres) run it before they start a
# throwaway cluster of their own, so that `./floe test` needs nothing set up by hand. When the
# programs are there it only looks. Otherwise it installs the package with apt-get, which needs root
# (or sudo without a password) and Debian's package archive; without them it fails and says so.
# Installing never starts the distribution's own cluster: the tests start theirs, on a free port.
set -euo pipefail

readonly VERSION=15
readonly LIB=/usr/lib/postgresql

say() {
  echo "test-postgres: $*" >&2
}

die() {
  say "$*"
  exit 1
}

# Prints the bin folder of PostgreSQL $VERSION, or else of the newest one installed; nothing if none.
find_bin() {
  local dir
  for dir in "$LIB/$VERSION/bin" $(ls -d "$LIB"/*/bin 2>/dev/null | sort -t/ -k5 -rn); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]]; then
      echo "$dir"
      return
    fi
  done
}

BIN=$(find_bin)
if [[ -n "$BIN" ]]; then
  echo "$BIN"
  exit 0
fi

SUDO=()
if (( EUID != 0 )); then
  sudo -n true 2>/dev/null \
    || die "no PostgreSQL server under $LIB, and installing Debian's postgresql-$VERSION needs root:
  run 'sudo apt-get install postgresql-$VERSION', then the tests again"
  SUDO=(sudo -n)
fi
command -v apt-get >/dev/null || die "no PostgreSQL server under $LIB, and no apt-get to install postgresql-$VERSION"

# Debian's maintainer scripts ask policy-rc.d whether they may start a service; 101 says no. One
# that is there already (container images have one) is left as it is.
POLICY=/usr/sbin/policy-rc.d
if [[ ! -e "$POLICY" ]]; then
  printf '#!/bin/sh\n# Put here by floe'"'"'s bin/test-postgres.sh while it installs PostgreSQL.\nexit 101\n' \
    | "${SUDO[@]}" tee "$POLICY" >/dev/null
  "${SUDO[@]}" chmod 755 "$POLICY"
  trap '"${SUDO[@]}" rm -f "$POLICY"' EXIT
fi

APT=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=120
     -o Acquire::Retries=2 -o Acquire::http::Timeout=30)
say "no PostgreSQL server under $LIB: installing Debian's postgresql-$VERSION (apt-get update, then install) ..."
timeout 300 "${APT[@]}" update >&2 || die "apt-get update failed (is Debian's package archive reachable?)"
PACKAGE=postgresql-$VERSION
if ! apt-cache show "$PACKAGE" >/dev/null 2>&1; then
  say "this Debian has no $PACKAGE; installing its default PostgreSQL, package postgresql"
  PACKAGE=postgresql
fi
timeout 600 "${APT[@]}" install -y --no-install-recommends "$PACKAGE" >&2 \
  || die "apt-get install $PACKAGE failed; see its output above"

BIN=$(find_bin)
[[ -n "$BIN" ]] || die "$PACKAGE is installed, but no initdb, pg_ctl and postgres are under $LIB/*/bin"
say "installed $PACKAGE: $BIN"
echo "$BIN"
