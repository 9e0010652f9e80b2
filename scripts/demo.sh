#!/usr/bin/env bash
# demo.sh: installs what is missing, builds hotpatch, builds an example with
# `make CC=hcc` and changes it while it runs.
#
#   bash scripts/demo.sh [--auto]          examples/: a terminal Game of Life,
#                                          run under `hcc run`: edit a copy of
#                                          its sources and save, and the running
#                                          program changes without restarting
#   bash scripts/demo.sh httpd [--auto]    examples/httpd/: a small HTTP server
#                                          under load from ApacheBench, patched
#                                          without a failed request
#   bash scripts/demo.sh game [--auto]     examples/game/: balls in an SDL2
#                                          window; edit its drawing (draw.c)
#                                          or its physics (physics.c) while
#                                          it runs (needs a display; --auto
#                                          uses Xvfb when there is none)
#   bash scripts/demo.sh cxx [--auto]      examples/cxx/: a C++ garden (classes,
#                                          a template, lambdas, global vector and
#                                          unordered_map) built with
#                                          `make CXX=hcc++`, run under `hcc run`
#
# Interactive when run in a terminal: you edit; the Game of Life draws
# every frame in place (life -t) with a footer: the file to edit, how to
# stop, and hcc run's last lines.  With --auto (the default when there is
# no terminal, e.g. in CI) the script makes an edit itself, shows the
# program change, then stops it; for httpd it patches a handler under load
# with `hcc patch --pid`, reverts it under load with `hcc revert`, and
# prints the clients' view and the throughput before and during each; for
# the game it recolours the balls and turns gravity around.
#
# The example is copied to build/demo/src (httpd: build/demo-httpd/src,
# game: build/demo-game/src, cxx: build/demo-cxx/src) so
# that edits never touch the repository.  Works from any directory.
# HOTPATCH_DEMO_NO_SETUP=1 skips the install-and-build step (the test suite
# runs the demo on its own build); HOTPATCH_DEMO_DIR puts the copy elsewhere.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${HOTPATCH_BUILD_DIR:-$ROOT/build}
HCC=$BUILD_DIR/bin/hcc
EXAMPLE=life
AUTO=0
for arg in "$@"; do
  case $arg in
    --auto) AUTO=1 ;;
    life|httpd|game|cxx) EXAMPLE=$arg ;;
    *) echo "demo.sh: error: unknown argument '$arg' (want: [life|httpd|game|cxx] [--auto])" >&2; exit 2 ;;
  esac
done
[ -t 0 ] && [ -t 1 ] || AUTO=1
if [ "$EXAMPLE" = life ]; then
  EXAMPLE_SRC=$ROOT/examples
  DEMO_DIR=${HOTPATCH_DEMO_DIR:-$BUILD_DIR/demo}
else
  EXAMPLE_SRC=$ROOT/examples/$EXAMPLE
  DEMO_DIR=${HOTPATCH_DEMO_DIR:-$BUILD_DIR/demo-$EXAMPLE}
fi
[ "$EXAMPLE" = cxx ] && EXAMPLE=garden
SRC=$DEMO_DIR/src

step() { printf '\n==> %s\n' "$*"; }

build_example() {
  local compiler=CC=$HCC
  [ "$EXAMPLE" = garden ] && compiler=CXX=$HCC++
  step "copying ${EXAMPLE_SRC#"$ROOT"/}/ to $SRC and building it with: make ${compiler%%=*}=${compiler##*/}"
  rm -rf "$DEMO_DIR"
  mkdir -p "$SRC/.hotpatch"
  find "$EXAMPLE_SRC" -maxdepth 1 \( -name '*.c' -o -name '*.cpp' -o -name '*.h' -o -name Makefile \) \
    -exec cp {} "$SRC"/ \;
  make -C "$SRC" --no-print-directory "$compiler" CFLAGS="-O2 -g" CXXFLAGS="-O2 -g"
}

inspect_example() {
  step "what hotpatch knows about it: hcc inspect $EXAMPLE (first lines)"
  # Into a file first: `| head` would end hcc with SIGPIPE once it has
  # more to write, which pipefail makes a failure.
  "$HCC" inspect "$SRC/$EXAMPLE" > "$DEMO_DIR/inspect.txt"
  head -n 12 "$DEMO_DIR/inspect.txt"
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

# ---------------------------------------------------------------- cxx

run_garden_interactive() {
  step "running: hcc run -- ./garden (edit $SRC/garden.cpp and save; quit and Enter stops it)"
  cd "$SRC" && exec "$HCC" run -- ./garden
}

# The demo edits a virtual function and a member's constant; the ticks go
# on from where they were and the harvest keeps its counts.
run_garden_auto() {
  local fifo=$DEMO_DIR/stdin.fifo out=$DEMO_DIR/garden.out
  step "running: hcc run -- ./garden -d 200 (the demo edits garden.cpp itself)"
  mkfifo "$fifo"
  : > "$LOG"
  (cd "$SRC" && exec "$HCC" run -- ./garden -d 200 < "$fifo" > "$out" 2> >(tee "$LOG" >&2)) &
  local run_pid=$!
  exec 3> "$fifo"
  wait_for "hcc: watching" "$LOG"
  wait_for "^tick 6 " "$out"
  step "editing garden.cpp: ripe roses become '@' (Flower::glyph) and ripen in 2 ticks (Flower::ripe_at)"
  sed -i -e "s/return ripe() ? '\*' : ',';/return ripe() ? '@' : ',';/" \
    -e 's/int Flower::ripe_at() const { return 3; }/int Flower::ripe_at() const { return 2; }/' "$SRC/garden.cpp"
  wait_for "hcc: patched" "$LOG"
  local patched_at
  patched_at=$(wc -l < "$out")
  wait_for "^tick $((patched_at + 5)) " "$out"
  echo quit >&3
  exec 3>&-
  wait "$run_pid"
  step "the same process before and after the patch (tick numbers and harvest go on)"
  tail -n 10 "$out"
}

# ---------------------------------------------------------------- httpd

# Starts COMMAND... (./httpd, or hcc run -- ./httpd) in $SRC with its stdin
# on a fifo the demo holds open as fd 3 and its stdout in $DEMO_DIR/httpd.log;
# waits for the line saying where it listens and sets HTTPD_URL, HTTPD_PID
# (the server's own pid, from that line) and HTTPD_JOB (the job started).
start_httpd() {
  local fifo=$DEMO_DIR/stdin.fifo log=$DEMO_DIR/httpd.log
  mkfifo "$fifo"
  : > "$log"
  (cd "$SRC" && exec "$@" < "$fifo" > "$log") &
  HTTPD_JOB=$!
  # If the demo fails half-way, the server must not outlive it (it does
  # not stop at the end of its stdin).
  trap 'kill "$HTTPD_JOB" 2>/dev/null || true' EXIT
  exec 3> "$fifo"
  wait_for "listening on" "$log"
  cat "$log"
  HTTPD_URL=$(sed -n 's|.*listening on \(http://[^ ]*\) .*|\1|p' "$log")
  HTTPD_PID=$(sed -n 's|.* pid \([0-9]*\))$|\1|p' "$log")
}

# Tells the server to stop with `quit` on its stdin and waits for it.
stop_httpd() {
  echo quit >&3
  exec 3>&-
  wait_for "httpd: stopped" "$DEMO_DIR/httpd.log"
  wait "$HTTPD_JOB"
  trap - EXIT
  grep "httpd: stopped" "$DEMO_DIR/httpd.log"
}

# GET PATH: prints "GET PATH: " and the body.
get() {
  printf 'GET %s: %s\n' "$1" "$(curl -sf "$HTTPD_URL${1#/}")"
}

# Runs COMMAND... under load on /hello (examples/httpd/under-load.sh), its
# lines also kept in $DEMO_DIR/$1.load for the summary.
under_load() {
  local name=$1
  shift
  bash "$EXAMPLE_SRC/under-load.sh" "${HTTPD_URL}hello" -- "$@" 2>&1 | tee "$DEMO_DIR/$name.load"
}

run_httpd_auto() {
  step "starting ./httpd -t 4 (4 worker threads; it stops on 'quit' or SIGTERM)"
  start_httpd ./httpd -t 4
  step "filling its cache and asking it hello"
  get /fib/30
  get /fib/40
  get /fib/50
  get /hello
  step "under load from ab: editing handle_hello() in handlers.c, then: hcc patch --pid $HTTPD_PID"
  under_load patch bash -c 'sed -i "s/hello, world/hello, patched world/" "$1" && "$2" patch --pid "$3"' \
    _ "$SRC/handlers.c" "$HCC" "$HTTPD_PID"
  step "the cache kept its entries (hits, no new misses) and the counters went on"
  get /fib/30
  get /fib/40
  get /fib/50
  curl -sf "${HTTPD_URL}stats"
  step "under load again: hcc revert --pid $HTTPD_PID"
  under_load revert "$HCC" revert --pid "$HTTPD_PID"
  get /fib/30
  curl -sf "${HTTPD_URL}stats"
  step "stopping the server: quit"
  stop_httpd
  step "throughput (requests per second the server answered, read from its /stats)"
  sed -n 's/^load: \(before\|during\)/hcc patch, \1/p' "$DEMO_DIR/patch.load"
  sed -n 's/^load: \(before\|during\)/hcc revert, \1/p' "$DEMO_DIR/revert.load"
}

# Rounds of ab on /hello (each bounded: 300,000 requests, 60 s) until
# SIGTERM, one summary line per round.
load_rounds() {
  local round=0 ab_pid=
  trap 'kill "$ab_pid" 2>/dev/null; exit 0' TERM
  while :; do
    round=$((round + 1))
    ab -k -l -c 8 -t 60 -n 300000 "${HTTPD_URL}hello" > "$DEMO_DIR/ab.out" 2>&1 &
    ab_pid=$!
    wait "$ab_pid" || true
    awk -v round=$round '/^Complete requests/ { done = $3 } /^Failed requests/ { failed = $3 }
      /^Requests per second/ { rate = $4 }
      END { printf "load: round %d: %s requests, %s failed, %s req/s\n", round, done, failed, rate }' "$DEMO_DIR/ab.out"
  done
}

run_httpd_interactive() {
  step "running: hcc run -- ./httpd -t 4, with ab keeping it busy"
  start_httpd "$HCC" run -- ./httpd -t 4
  cat <<MSG
    Edit $SRC/handlers.c while it serves, for example the
    text in handle_hello(), and save: hcc run patches the running server,
    and the line below shows the new response while ab's rounds report
    their failed requests (0).  Try also ${HTTPD_URL}stats and
    ${HTTPD_URL}fib/50 in a browser or with curl.
    Type 'quit' and Enter to stop.
MSG
  load_rounds &
  local load_job=$! line
  while :; do
    if read -r -t 2 line && [ "$line" = quit ]; then
      break
    fi
    get /hello
  done
  kill "$load_job"
  wait "$load_job" 2>/dev/null || true
  stop_httpd
}

# ---------------------------------------------------------------- game

GAME_HOW_TO="Edit $SRC/draw.c and save: the colour in ball_colour(), or the shape
    in ball_covers() (SDL_max(dx * dx, dy * dy) instead of dx * dx + dy * dy
    makes square balls).  Edit $SRC/physics.c: GRAVITY (-3: the balls
    fall upwards), PADDLE_SPEED.  The balls keep their places and speeds.
    The arrow keys move the paddle; Escape or closing the window stops."

run_game_interactive() {
  if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "demo.sh: error: the game needs a display (DISPLAY is not set): run it in a graphical session, or with --auto" >&2
    exit 1
  fi
  step "running: hcc run -- ./game"
  echo "    $GAME_HOW_TO"
  cd "$SRC" && exec "$HCC" run -- ./game
}

# Runs the game in real time (on Xvfb when there is no display), edits
# draw.c, then physics.c, and prints where the balls are.
run_game_auto() {
  local fifo=$DEMO_DIR/stdin.fifo log=$DEMO_DIR/hcc-run.log out=$DEMO_DIR/game.out
  local xvfb=()
  [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || xvfb=(bash "$EXAMPLE_SRC/on-xvfb.sh")
  step "running: hcc run -- ./game${xvfb:+ (on Xvfb: there is no display)}; the demo edits it"
  mkfifo "$fifo"
  : > "$log"
  (cd "$SRC" && exec "${xvfb[@]}" "$HCC" run -- ./game < "$fifo" > "$out" 2> >(tee "$log" >&2)) &
  local run_pid=$!
  exec 3> "$fifo"
  wait_for "hcc: watching" "$log"
  echo pos >&3
  sleep 1
  step "editing draw.c: square blue balls"
  sed -i -e 's/return (struct rgb){ 250, 170, 30 };/return (struct rgb){ 60, 200, 250 };/' \
    -e 's/return dx \* dx + dy \* dy <= /return SDL_max(dx * dx, dy * dy) <= /' "$SRC/draw.c"
  wait_for "hcc: patched draw.c" "$log"
  sleep 1
  step "editing physics.c: gravity turned around"
  sed -i 's/^#define GRAVITY      4 /#define GRAVITY      -3 /' "$SRC/physics.c"
  wait_for "hcc: patched physics.c" "$log"
  sleep 1
  echo "shot $DEMO_DIR/after.ppm" >&3
  echo pos >&3
  echo quit >&3
  exec 3>&-
  wait "$run_pid"
  step "the same process ran all three versions: frames and positions carried on"
  grep "hcc: patched" "$log"
  grep -e '^pos' -e '^shot' "$out"
}

[ "${HOTPATCH_DEMO_NO_SETUP:-0}" = 1 ] || bash "$ROOT/scripts/setup.sh"
build_example
inspect_example
case $EXAMPLE-$AUTO in
  life-1) run_auto ;;
  life-0) run_interactive ;;
  httpd-1) run_httpd_auto ;;
  httpd-0) run_httpd_interactive ;;
  game-1) run_game_auto ;;
  game-0) run_game_interactive ;;
  garden-1) run_garden_auto ;;
  garden-0) run_garden_interactive ;;
esac
