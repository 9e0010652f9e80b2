#!/usr/bin/env bash
# run.sh: build the libFuzzer targets of fuzz/ and run each for a while.
#
#   bash fuzz/run.sh [SECONDS] [TARGET...]
#
# SECONDS (default 20, or $HOTPATCH_FUZZ_SECONDS) is per target; TARGETs
# default to all: requests, patch_file, imports, driver_parsers (see each
# *_fuzz.c).  Each run starts from the committed seeds in
# fuzz/corpus/<target>/ and keeps what it finds in
# $HOTPATCH_FUZZ_DIR/corpus/<target>/ (default build/fuzz/), never in the
# source tree.  A crash leaves crash-* in $HOTPATCH_FUZZ_DIR/<target>/ and
# makes the script exit 1 (reproduce: build/fuzz/bin/<target> crash-FILE).
# Needs clang-19 with libFuzzer (Debian: libclang-rt-19-dev) and the
# hotpatch plugin built in $HOTPATCH_BUILD_DIR (default build/).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${HOTPATCH_BUILD_DIR:-$ROOT/build}
OUT=${HOTPATCH_FUZZ_DIR:-$BUILD_DIR/fuzz}
CC=${HOTPATCH_FUZZ_CC:-clang-19}
SECONDS_EACH=${1:-${HOTPATCH_FUZZ_SECONDS:-20}}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(requests patch_file imports driver_parsers)

FLAGS=(-g -O1 -std=c11 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -I"$ROOT/include" -Wall -Wextra)
mkdir -p "$OUT/bin"

build_requests() {
  local plugin=$BUILD_DIR/lib/hotpatch.so
  [ -f "$plugin" ] || { echo "fuzz: $plugin missing; build the project first (ninja -C $BUILD_DIR)" >&2; return 1; }
  # The module: instrumented by the plugin, no fuzzer coverage of its own.
  "$CC" -O1 -fPIC -c -fplugin="$plugin" -fplugin-arg-hotpatch-module-id=fuzz/module.c \
    "$ROOT/fuzz/module.c" -o "$OUT/module.o"
  local runtime=()
  for f in "$ROOT"/runtime/*.c; do runtime+=("$f"); done
  "$CC" "${FLAGS[@]}" -I"$ROOT/runtime" -Wl,--wrap=hpa_apply \
    "$ROOT/fuzz/requests_fuzz.c" "${runtime[@]}" "$OUT/module.o" -lpthread -ldl \
    -o "$OUT/bin/requests"
}

build_patch_file() {
  "$CC" "${FLAGS[@]}" -I"$ROOT/runtime" "$ROOT/fuzz/patch_file_fuzz.c" \
    "$ROOT/runtime/patch_file.c" "$ROOT/runtime/elf_read.c" -o "$OUT/bin/patch_file"
}

build_imports() {
  local runtime=()
  for f in "$ROOT"/runtime/*.c; do runtime+=("$f"); done
  "$CC" "${FLAGS[@]}" -I"$ROOT/runtime" "$ROOT/fuzz/imports_fuzz.c" "${runtime[@]}" \
    -lpthread -ldl -o "$OUT/bin/imports"
}

build_driver_parsers() {
  local driver=()
  for f in util elf_file patch_info depfile strset demangle json; do driver+=("$ROOT/driver/$f.c"); done
  "$CC" "${FLAGS[@]}" -I"$ROOT/driver" "$ROOT/fuzz/driver_parsers_fuzz.c" "${driver[@]}" \
    -lstdc++ -o "$OUT/bin/driver_parsers"
}

status=0
for t in "${TARGETS[@]}"; do
  echo "fuzz: building $t"
  "build_$t"
  mkdir -p "$OUT/corpus/$t" "$OUT/$t"
  echo "fuzz: running $t for ${SECONDS_EACH}s"
  # The runtime in `requests` must be on whatever the caller's environment.
  if ! (cd "$OUT/$t" && env -u HOTPATCH "$OUT/bin/$t" -max_total_time="$SECONDS_EACH" \
          -max_len=4096 -timeout=10 -print_final_stats=1 \
          "$OUT/corpus/$t" "$ROOT/fuzz/corpus/$t" > "$OUT/$t.log" 2>&1); then
    echo "fuzz: $t FAILED; the end of $OUT/$t.log:" >&2
    tail -n 40 "$OUT/$t.log" >&2
    status=1
  else
    grep -E '^stat::number_of_executed_units|^Done' "$OUT/$t.log" | sed "s/^/fuzz: $t: /" || true
  fi
done
exit "$status"
