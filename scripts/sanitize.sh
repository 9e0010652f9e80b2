#!/usr/bin/env bash
# sanitize.sh: builds the runtime, the driver and their unit tests with
# AddressSanitizer and UndefinedBehaviorSanitizer (-DHOTPATCH_SANITIZE=ON,
# in build-sanitize/), and the runtime's unit tests with ThreadSanitizer
# (-DHOTPATCH_TSAN=ON, in build-tsan/), and runs those unit tests; any
# report fails them.  Both are Debug builds: assertions are on (the
# runtime asserts its locking rules, runtime/mutex.h), so this is also the
# debug build CI runs.  HOTPATCH_STORM_SECONDS sets how long the fault
# storm test runs (default 2).  Run after setup.sh.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${HOTPATCH_SANITIZE_DIR:-$ROOT/build-sanitize}
TSAN_DIR=${HOTPATCH_TSAN_DIR:-$ROOT/build-tsan}
JOBS=$(nproc 2>/dev/null || echo 2)

# configure DIR OPTION...: (re)configure, so that a changed option applies.
configure() {
  local dir=$1
  shift
  cmake -G Ninja -S "$ROOT" -B "$dir" -DCMAKE_C_COMPILER=clang-19 \
    -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_BUILD_TYPE=Debug "$@" \
    > "$dir.log" 2>&1 || { cat "$dir.log" >&2; exit 1; }
}

configure "$DIR" -DHOTPATCH_SANITIZE=ON -DHOTPATCH_TSAN=OFF
cmake --build "$DIR" > "$DIR.log" 2>&1 || { tail -40 "$DIR.log" >&2; exit 1; }
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
# The registry's tables from malloc, where ASan checks every access to
# them, instead of mmapped pages it does not see (docs/runtime.md, "The
# program's heap"); the code using them is the same either way.
export HOTPATCH_TABLE_PAGES=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$DIR" --output-on-failure -R '^(runtime|driver)\.' -j "$JOBS"

configure "$TSAN_DIR" -DHOTPATCH_TSAN=ON -DHOTPATCH_SANITIZE=OFF
cmake --build "$TSAN_DIR" --target hotpatch_runtime_tests > "$TSAN_DIR.log" 2>&1 ||
  { tail -40 "$TSAN_DIR.log" >&2; exit 1; }
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
ctest --test-dir "$TSAN_DIR" --output-on-failure -R '^runtime\.test_' -j "$JOBS"
