#!/usr/bin/env bash
# demo.sh: installs what is missing, builds hotpatch, then builds the example
# program (examples/, a terminal Game of Life) with hcc exactly as a user
# would (`make CC=hcc`), runs it for a few frames and shows what hotpatch
# knows about it (`hcc inspect`).  Works from any directory.
#
# Each step is a function below; later demos (live patching) add steps.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${HOTPATCH_BUILD_DIR:-$ROOT/build}
HCC=$BUILD_DIR/bin/hcc
DEMO_DIR=$BUILD_DIR/demo/life           # out of the source tree
LIFE=$DEMO_DIR/life

step() { printf '\n==> %s\n' "$*"; }

build_example() {
  step "building examples/ with: make CC=hcc (in $DEMO_DIR)"
  mkdir -p "$DEMO_DIR"
  make -C "$DEMO_DIR" -f "$ROOT/examples/Makefile" --no-print-directory CC="$HCC" -B
}

run_example() {
  step "running it: life -d 50 8   (8 frames, 50 ms apart; stdin 'quit' stops it early)"
  "$LIFE" -d 50 8 </dev/null
}

inspect_example() {
  step "what hotpatch knows about it: hcc inspect $LIFE"
  "$HCC" inspect "$LIFE"
}

bash "$ROOT/scripts/setup.sh"
build_example
run_example
inspect_example
step "done (live patching of the running program comes with a later release)"
