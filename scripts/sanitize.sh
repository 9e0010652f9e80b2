#!/usr/bin/env bash
# sanitize.sh: builds the runtime, the driver and their unit tests with
# AddressSanitizer and UndefinedBehaviorSanitizer (-DHOTPATCH_SANITIZE=ON,
# in build-sanitize/) and runs those unit tests; any report fails them.
# Run after setup.sh.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${HOTPATCH_SANITIZE_DIR:-$ROOT/build-sanitize}

if [ ! -f "$DIR/build.ninja" ]; then
  cmake -G Ninja -S "$ROOT" -B "$DIR" -DCMAKE_C_COMPILER=clang-19 \
    -DCMAKE_CXX_COMPILER=clang++-19 -DHOTPATCH_SANITIZE=ON > "$DIR.log" 2>&1 ||
    { cat "$DIR.log" >&2; exit 1; }
fi
cmake --build "$DIR" > "$DIR.log" 2>&1 || { tail -40 "$DIR.log" >&2; exit 1; }
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$DIR" --output-on-failure -R '^(runtime|driver)\.' -j "$(nproc 2>/dev/null || echo 2)"
