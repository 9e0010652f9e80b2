#!/usr/bin/env bash
# with-distccd.sh DIR COMMAND...: run COMMAND with a distccd of its own on
# 127.0.0.1, and stop that distccd afterwards whatever COMMAND did.
#
# distccd listens on a free port (DISTCC_HOSTS names it, DISTCC_FALLBACK=0
# makes a compile it cannot take fail instead of running here), logs to
# DIR/distccd.log and serves only the hcc in PATH (DISTCC_CMDLIST).  The
# compiles it runs are "another machine's": they run in DIR/remote
# (TMPDIR: distccd's temporary files) and their hcc keeps its build
# database there (HOTPATCH_ROOT), not in the project.  Run as root,
# distccd serves as `nobody`.
set -euo pipefail
dir=$1
shift
mkdir -p "$dir/remote"
chmod 777 "$dir/remote"
: > "$dir/distccd.log"
chmod 666 "$dir/distccd.log"
command -v hcc > "$dir/cmdlist"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
user=()
[ "$(id -u)" -eq 0 ] && user=(--user nobody)
DISTCC_CMDLIST="$dir/cmdlist" HOTPATCH_ROOT="$dir/remote" TMPDIR="$dir/remote" \
  distccd --daemon --no-detach --listen 127.0.0.1 --port "$port" --allow 127.0.0.1 \
  --log-file="$dir/distccd.log" --log-level=info "${user[@]}" &
daemon=$!
trap 'kill "$daemon"; wait "$daemon" 2>/dev/null || true' EXIT
# Ready when it accepts a connection (it binds before it serves).
python3 - "$port" <<'PY'
import socket, sys, time
deadline = time.monotonic() + 30
while True:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit("distccd did not start listening")
        time.sleep(0.05)
PY
DISTCC_HOSTS="127.0.0.1:$port" DISTCC_FALLBACK=0 "$@"
