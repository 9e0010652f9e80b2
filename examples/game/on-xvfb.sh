#!/usr/bin/env bash
# on-xvfb.sh COMMAND [ARGS...]: runs COMMAND with DISPLAY on a virtual X
# server (Xvfb, Debian package xvfb) of its own, and stops the server after.
#
# Xvfb picks a free display number and writes it on -displayfd once it
# accepts clients, so nothing waits for time to pass and two runs at once
# do not collide.  Exits with COMMAND's status.
set -euo pipefail

[ $# -gt 0 ] || { echo "usage: on-xvfb.sh COMMAND [ARGS...]" >&2; exit 2; }
command -v Xvfb >/dev/null || { echo "on-xvfb.sh: error: Xvfb not found (Debian: apt-get install xvfb)" >&2; exit 1; }

dir=$(mktemp -d)
xvfb_pid=
cleanup() {
  [ -z "$xvfb_pid" ] || { kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null || true; }
  rm -rf "$dir"
}
trap cleanup EXIT
mkfifo "$dir/display"
Xvfb -displayfd 3 -screen 0 640x480x24 -nolisten tcp 3>"$dir/display" 2>"$dir/xvfb.log" &
xvfb_pid=$!
if ! read -r number < "$dir/display"; then
  echo "on-xvfb.sh: error: Xvfb did not start:" >&2
  cat "$dir/xvfb.log" >&2
  exit 1
fi
DISPLAY=:$number "$@"
