#!/usr/bin/env bash
# demo.sh: installs what is missing, builds hotpatch, builds the example
# program (examples/, a terminal Game of Life) with `make CC=hcc`, and runs
# it under `hcc run`: edit the copy of its sources and save, and the running
# program changes without restarting.
#
#   bash scripts/demo.sh          interactive when run in a terminal: you edit
#   bash scripts/demo.sh --auto   the script makes an edit itself, shows the
#                                 program change, then stops it (the default
#                                 when there is no terminal, e.g. in CI)
#
# The example is copied to build/demo/src so that edits never touch the
# repository (HOTPATCH_DEMO_DIR moves it elsewhere).  Works from any
# directory.  HOTPATCH_DEMO_NO_SETUP=1 skips the install-and-build step (the
# test suite runs the demo on its own build).
#
# In a terminal the program draws every frame in place (life -t) with a
# footer: the file to edit, how to stop, and hcc run's last lines.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${HOTPATCH_BUILD_DIR:-$ROOT/build}
HCC=$BUILD_DIR/bin/hcc
DEMO_DIR=${HOTPATCH_DEMO_DIR:-$BUILD_DIR/demo}
SRC=$DEMO_DIR/src
AUTO=0
[ "${1:-}" = "--auto" ] && AUTO=1
[ -t 0 ] && [ -t 1 ] || AUTO=1

step() { printf '\n==> %s\n' "$*"; }

build_example() {
  step "copying examples/ to $SRC and building it with: make CC=hcc"
  rm -rf "$DEMO_DIR"
  mkdir -p "$SRC/.hotpatch"
  cp "$ROOT"/examples/*.c "$ROOT"/examples/*.h "$ROOT"/examples/Makefile "$SRC"/
  make -C "$SRC" --no-print-directory CC="$HCC" CFLAGS="-O2 -g"
}

inspect_example() {
  step "what hotpatch knows about it: hcc inspect life (first lines)"
  "$HCC" inspect "$SRC/life" | head -n 12
}

# Waits until `pattern` appears in `file` (hcc run's status lines).
wait_for() {
  local pattern=$1 file=$2 tries=0
  until grep -q "$pattern" "$file" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 600 ]; then
      echo "demo: gave up waiting for '$pattern'" >&2
      return 1
    fi
    sleep 0.1
  done
}

FOOTER=$DEMO_DIR/footer.txt
LOG=$DEMO_DIR/hcc-run.log

# The lines under every frame when the program draws in place (life -t):
# what to edit, how to stop; then life shows the end of hcc run's log.
write_footer() {
  cat > "$FOOTER" <<MSG
Edit $SRC/render.c and save: this program changes while it runs.
Try: the glyphs in cell_glyph(), or the text of the frame line.
A mistake is reported here and the program keeps running.
Stop: type quit and Enter, or Ctrl-C.   hcc run says:
MSG
}

run_interactive() {
  step "running: hcc run -- ./life -t -d 300 (drawn in place; edit $SRC/render.c)"
  write_footer
  : > "$LOG"
  cd "$SRC" && exec "$HCC" run -- ./life -t -f "$FOOTER" -l "$LOG" -d 300 2>>"$LOG"
}

run_auto() {
  local fifo=$DEMO_DIR/stdin.fifo
  step "running: hcc run -- ./life -d 150 (the demo edits render.c itself)"
  mkfifo "$fifo"
  : > "$LOG"
  if [ -t 1 ]; then
    # In a terminal the program draws in place and shows hcc run's log
    # (and this script's steps, appended to it) in its footer.
    write_footer
    (cd "$SRC" && exec "$HCC" run -- ./life -t -f "$FOOTER" -l "$LOG" -d 150 < "$fifo" 2>>"$LOG") &
    say() { echo "==> $*" >> "$LOG"; }
  else
    (cd "$SRC" && exec "$HCC" run -- ./life -d 150 < "$fifo" 2> >(tee "$LOG" >&2)) &
    say() { step "$@"; }
  fi
  local run_pid=$!
  exec 3> "$fifo"
  wait_for "hcc: watching" "$LOG"
  sleep 1.5
  say "editing render.c: live cells become '@', dead ones ' '"
  sed -i "s/return alive ? '#' : '.';/return alive ? '@' : ' ';/" "$SRC/render.c"
  wait_for "hcc: patched" "$LOG"
  sleep 1.5
  echo quit >&3
  exec 3>&-
  wait "$run_pid"
  step "the same process ran both versions; the status line below says what changed and how fast"
  grep "hcc: patched" "$LOG"
}

[ "${HOTPATCH_DEMO_NO_SETUP:-0}" = 1 ] || bash "$ROOT/scripts/setup.sh"
build_example
inspect_example
if [ "$AUTO" = 1 ]; then
  run_auto
else
  run_interactive
fi
