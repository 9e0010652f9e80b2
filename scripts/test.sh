#!/usr/bin/env bash
# test.sh: installs what is missing, builds, and runs every test.
#
# 1. ctest: the unit tests and one `lit` entry that runs every lit suite,
#    the realworld suite (Debian's lua5.4 and zlib, fetched with apt-get
#    source) included.  Set HOTPATCH_REALWORLD=0 to skip the realworld suite.
# 2. scripts/lint.sh: clang-tidy over runtime/, driver/, plugin/, resident/.
# 3. scripts/sanitize.sh: runtime and driver unit tests under ASan+UBSan, and
#    runtime unit tests under TSan (Debug builds: assertions on).
# 4. fuzz/run.sh: each libFuzzer target for $HOTPATCH_FUZZ_SECONDS seconds
#    (default 20; under two minutes in all; 0 skips it).
# Exits non-zero if anything fails.  Works from any directory.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${HOTPATCH_BUILD_DIR:-$ROOT/build}

bash "$ROOT/scripts/setup.sh"
jobs=$(nproc 2>/dev/null || echo 2)
# One ctest entry runs all of lit, which parallelises itself; a generous
# timeout (ctest's default is 1500 s per test) keeps a slow machine from
# failing a healthy run.
status=0
ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 1500 -j "$jobs" || status=1
bash "$ROOT/scripts/lint.sh" || status=1
bash "$ROOT/scripts/sanitize.sh" || status=1
fuzz_seconds=${HOTPATCH_FUZZ_SECONDS:-20}
if [ "$fuzz_seconds" != 0 ]; then
  HOTPATCH_BUILD_DIR="$BUILD_DIR" bash "$ROOT/fuzz/run.sh" "$fuzz_seconds" || status=1
fi
[ "$status" = 0 ] && echo "test.sh: all suites passed" || echo "test.sh: FAILED" >&2
exit "$status"
