#!/usr/bin/env bash
# test.sh: installs what is missing, builds, and runs every test.
#
# ctest runs the unit tests and one `lit` entry that runs every lit suite,
# the realworld suite (Debian's lua5.4 and zlib, fetched with apt-get source)
# included.  Set HOTPATCH_REALWORLD=0 to skip the realworld suite.
# Exits non-zero if anything fails.  Works from any directory.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${HOTPATCH_BUILD_DIR:-$ROOT/build}

bash "$ROOT/scripts/setup.sh"
jobs=$(nproc 2>/dev/null || echo 2)
# One ctest entry runs all of lit, which parallelises itself; a generous
# timeout (ctest's default is 1500 s per test) keeps a slow machine from
# failing a healthy run.
exec ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 1500 -j "$jobs"
