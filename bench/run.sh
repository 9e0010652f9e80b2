#!/usr/bin/env bash
# run.sh [--short | --full | --smoke] [--no-setup]
#
# hotpatch's benchmark in one command: builds hotpatch (scripts/setup.sh),
# fetches Debian's lua5.4, sqlite3, zlib, tinyxml2, git and redis sources (cached in
# build/realworld-src), builds everything with clang-19 and with hcc, runs
# the overhead, latency, service-under-load, server and build-time benchmarks and
# prints the table
# (also written to build/bench/results.{md,json}).  docs/benchmarks.md
# explains the method.
#
#   --short   the default: about 5 minutes on 2 cores, plus git's build
#   --full    more repetitions and edits, larger inputs (about an hour)
#   --smoke   every benchmark once, tiny inputs, -O0 only: checks that the
#             benchmark works, its numbers mean nothing
#   --no-setup  use the build as it is (do not run scripts/setup.sh)
#
# Environment: HOTPATCH_BUILD_DIR (default <repo>/build), as for setup.sh.
# Nothing here fails because the machine is slow: targets are reported as
# met or not met, the exit status is 0 unless a benchmark could not run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${HOTPATCH_BUILD_DIR:-$ROOT/build}
mode=short
setup=1
for arg in "$@"; do
  case $arg in
    --short) mode=short ;;
    --full) mode=full ;;
    --smoke) mode=smoke ;;
    --no-setup) setup=0 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: error: unknown option '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else return 1
  fi
}

if [ $setup -eq 1 ]; then
  HOTPATCH_BUILD_DIR=$BUILD_DIR bash "$ROOT/scripts/setup.sh"
fi
[ -x "$BUILD_DIR/bin/hcc" ] || { echo "run.sh: error: $BUILD_DIR/bin/hcc missing; run scripts/setup.sh" >&2; exit 1; }

# tclsh generates the SQLite amalgamation; valgrind gives the Ir column
# (optional: the column shows '-' without it).
if ! command -v tclsh >/dev/null 2>&1; then
  echo "run.sh: installing tcl (generates the SQLite amalgamation)" >&2
  as_root apt-get install -y -qq --no-install-recommends tcl >/dev/null \
    || { echo "run.sh: error: tclsh missing and cannot install package tcl; install it as root" >&2; exit 1; }
fi
command -v valgrind >/dev/null 2>&1 \
  || echo "run.sh: note: valgrind not installed; the Ir (instruction count) column stays empty" >&2

exec python3 "$ROOT/bench/bench.py" --mode "$mode" --repo "$ROOT" --build "$BUILD_DIR"
