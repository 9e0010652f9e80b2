#!/usr/bin/env bash
# run-lua-scripts.sh LUA SCRIPT_DIR
#
# Runs every *.lua in SCRIPT_DIR (sorted by name) with the interpreter LUA
# and prints, for each, a header line, its stdout and stderr, and its exit
# status, so that two interpreters can be compared with one diff.  Scripts
# run from SCRIPT_DIR under their bare names, so messages that quote the
# chunk name are the same for every interpreter.
set -u
[ $# -eq 2 ] || { echo "usage: run-lua-scripts.sh LUA SCRIPT_DIR" >&2; exit 2; }
lua=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2" || exit 2
status=0
for script in *.lua; do
  echo "=== $script"
  "$lua" "$script" 2>&1
  rc=$?
  echo "=== $script exit $rc"
  [ $rc -eq 0 ] || status=1
done
exit $status
