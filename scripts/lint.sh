#!/usr/bin/env bash
# lint.sh: the formatting check (scripts/format.sh --check, .clang-format),
# then clang-tidy (configuration in .clang-tidy) over every source of
# runtime/, driver/, plugin/ and resident/, using build/compile_commands.json.
# Exits non-zero when either reports anything.  Run after setup.sh has built
# build/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${HOTPATCH_BUILD_DIR:-$ROOT/build}
TIDY=${CLANG_TIDY:-clang-tidy-19}

command -v "$TIDY" >/dev/null 2>&1 ||
  { echo "lint: $TIDY not found; run scripts/setup.sh" >&2; exit 1; }

cd "$ROOT"
format_status=0
bash "$ROOT/scripts/format.sh" --check || format_status=1
sources=(runtime/*.c driver/*.c plugin/*.cpp resident/*.cpp resident/*.c)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
printf '%s\n' "${sources[@]}" |
  xargs -P "$(nproc 2>/dev/null || echo 2)" -n 4 "$TIDY" -p "$BUILD_DIR" --quiet \
    > "$log" 2>/dev/null || true
if grep -q "warning:\|error:" "$log"; then
  grep -A3 "warning:\|error:" "$log" >&2
  echo "lint: clang-tidy found problems (above)" >&2
  exit 1
fi
echo "lint: clang-tidy clean (${#sources[@]} files)"
exit "$format_status"
