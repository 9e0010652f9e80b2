#!/usr/bin/env bash
# unit-shape.sh DIR MODE SOURCE...
#
# Builds the program of a unit-shape scenario and drives its script:
# copies DIR's sources into DIR/MODE (each SOURCE is DIR/SOURCE, else the
# first version DIR/NAME.v1.c, else Inputs/SOURCE such as loop.c), builds them with hcc -O2, and runs DIR/script
# with drive.py there.  MODE is `one-command` (`hcc -o prog a.c b.c ...`)
# or `separate` (one `hcc -c` per source, then a link).  The script sees
# logic.v2.c and the other versions as ../NAME.
set -euo pipefail

inputs=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=$1 mode=$2
shift 2
work=$dir/$mode
rm -rf "$work"
mkdir -p "$work/.hotpatch"
for src in "$@"; do
  for from in "$dir/$src" "$dir/${src%.c}.v1.c" "$inputs/$src"; do
    [ -f "$from" ] && { cp "$from" "$work/$src"; break; }
  done
  [ -f "$work/$src" ] || { echo "unit-shape.sh: no source for $src" >&2; exit 2; }
done
cd "$work"
hcc=${HCC:-hcc}
case $mode in
  one-command) "$hcc" -O2 -pthread -o prog "$@" ;;
  separate)
    objs=()
    for src in "$@"; do
      "$hcc" -O2 -pthread -c "$src" -o "${src%.c}.o"
      objs+=("${src%.c}.o")
    done
    "$hcc" -pthread -o prog "${objs[@]}"
    ;;
  *) echo "unit-shape.sh: unknown mode '$mode' (one-command or separate)" >&2; exit 2 ;;
esac
exec python3 "$inputs/drive.py" "$dir/script"
