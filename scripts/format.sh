#!/usr/bin/env bash
# format.sh: one formatting for the project's C and C++ (.clang-format).
#
#   bash scripts/format.sh           reformat every file in place
#   bash scripts/format.sh --check   list the files that differ; exit 1 if any
#
# Covers runtime/, driver/, plugin/, plugin-gcc/, resident/, include/, fuzz/
# and bench/.  Not lit_tests/ (RUN and CHECK lines and split-file sections
# are test data, not code), not examples/ (the demo and the tests edit them
# by their text: their layout is part of those edits) and not
# bench/latency/ (the benchmark's input file: its size is what is
# measured).  scripts/lint.sh runs the check.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FORMAT=${CLANG_FORMAT:-clang-format-19}
command -v "$FORMAT" >/dev/null 2>&1 ||
  { echo "format: $FORMAT not found; run scripts/setup.sh" >&2; exit 1; }

cd "$ROOT"
mapfile -t files < <(git ls-files -- runtime driver plugin plugin-gcc resident include fuzz bench |
  grep -E '\.(c|h|cpp)$' | grep -v '^bench/latency/')
if [ "${1:-}" = --check ]; then
  differ=()
  for f in "${files[@]}"; do
    "$FORMAT" "$f" | cmp -s - "$f" || differ+=("$f")
  done
  if [ ${#differ[@]} -gt 0 ]; then
    printf 'format: not formatted: %s\n' "${differ[@]}" >&2
    echo "format: run 'bash scripts/format.sh' to fix (${#differ[@]} files)" >&2
    exit 1
  fi
  echo "format: clean (${#files[@]} files)"
else
  "$FORMAT" -i "${files[@]}"
  echo "format: formatted ${#files[@]} files"
fi
