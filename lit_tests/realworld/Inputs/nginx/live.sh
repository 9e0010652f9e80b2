#!/usr/bin/env bash
# live.sh HCC NGINX_SOURCE_DIR RUN_DIR
#
# Runs nginx, built with hcc in NGINX_SOURCE_DIR (objs/nginx), the way it
# runs in production: started by root, daemonized, a master that stays root
# and two workers that switch to nobody:nogroup; then edits its stub_status
# handler and patches every process with `hcc patch --all` while ApacheBench
# loads that very page (examples/httpd/under-load.sh), and prints what the
# processes and the clients saw:
#
#   - the master's and workers' pids, and each worker's user and group (ps);
#   - the page before the edit;
#   - under-load.sh's report: hcc's line per process, the response right
#     after hcc returned, ab's complete, failed and keep-alive counts;
#   - `hcc status` for the binary;
#   - the page on fresh connections until both workers have answered
#     (every response names its worker's pid in an X-Worker header), as
#     one summary line per worker and one for any other pid;
#   - the same after `nginx -s reload`, whose new workers the patched
#     master forks;
#   - the alerts in nginx's error log (a worker that died is one).
#
# The server listens on 127.0.0.1 at a port the kernel picked as free, with
# reuseport (each worker has its own queue, so fresh connections spread
# over both).  The server is stopped whatever happens (QUIT, then KILL of
# the pids it wrote).  Every wait polls its condition with a bound.
set -euo pipefail

[ $# -eq 3 ] || { echo "usage: live.sh HCC NGINX_SOURCE_DIR RUN_DIR" >&2; exit 2; }
hcc=$1
src=$(cd "$2" && pwd)
run=$3
nginx=$src/objs/nginx
handler_file=src/http/modules/ngx_http_stub_status_module.c
under_load=$(cd "$(dirname "$0")/../../../../examples/httpd" && pwd)/under-load.sh
die() { echo "live: error: $*" >&2; exit 1; }
say() { echo "==> $*"; }

# A pause that starts no process (a read with a timeout on a fifo nobody
# writes), for the polls below.
rm -rf "$run" && mkdir -p "$run/conf" "$run/logs"
run=$(cd "$run" && pwd)
mkfifo "$run/never"
exec {never}<>"$run/never"
pause() { read -r -t 0.05 -u "$never" _ || true; }

# poll SECONDS COMMAND...: runs COMMAND until it succeeds, SECONDS at most.
poll() {
  local deadline=$(( ${EPOCHREALTIME/./} + $1 * 1000000 ))
  shift
  until "$@"; do
    [ "${EPOCHREALTIME/./}" -lt "$deadline" ] || return 1
    pause
  done
}

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port/status
cat >"$run/conf/nginx.conf" <<EOF
user nobody nogroup;
master_process on;
worker_processes 2;
pid logs/nginx.pid;
error_log logs/error.log notice;
events { worker_connections 256; }
http {
  access_log off;
  # ab -k keeps its connections for the whole load: nginx closes one after
  # keepalive_requests (1000 by default), which ab would count as a
  # keep-alive request lost.
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:$port reuseport;
    add_header X-Worker \$pid always;
    location = /status { stub_status; }
  }
}
EOF

master=
# The master and workers of the moment, from the pid file and the master's
# children; true when the master runs and has two workers that switched
# user (the last thing a worker does before it serves).
workers=()
find_processes() {
  master=$(cat "$run/logs/nginx.pid" 2>/dev/null) || return 1
  [ -n "$master" ] || return 1
  mapfile -t workers < <(ps -o pid= --ppid "$master" | sort -n | tr -d ' ')
  [ "${#workers[@]}" -eq 2 ] || return 1
  local w
  for w in "${workers[@]}"; do
    [ "$(ps -o user= -p "$w")" = nobody ] || return 1
  done
}
# Stops the master (QUIT: graceful) and its workers, or KILLs them.
pids=()
all_gone() { ! kill -0 "${pids[@]}" 2>/dev/null; }
stop() {
  [ -n "$master" ] || return 0
  mapfile -t pids < <(ps -o pid= --ppid "$master" | tr -d ' ')
  pids+=("$master")
  master=
  kill -QUIT "${pids[-1]}" 2>/dev/null || return 0
  if ! poll 20 all_gone; then
    echo "live: nginx did not stop on QUIT; killing ${pids[*]}" >&2
    kill -KILL "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop EXIT

say "starting nginx: $nginx -p $run -c conf/nginx.conf"
"$nginx" -p "$run" -c conf/nginx.conf
poll 20 find_processes || { cat "$run/logs/error.log" >&2; die "nginx did not start a master and two workers running as nobody"; }
echo "nginx: master ${master}, workers ${workers[0]} ${workers[1]}"
for p in "$master" "${workers[@]}"; do
  echo "process $p: user $(ps -o user= -p "$p"), group $(ps -o group= -p "$p")"
done
poll 20 curl -sf -o /dev/null "$url" || die "nginx does not answer $url"
say "GET /status"
curl -sf "$url"

# Fetches the page on fresh connections (one curl each) until each of the
# given workers has answered at least twice, 200 connections at most;
# prints per worker how many answered and how many of them had the text
# expected from the edit, then how many came from any other pid.
fresh_connections() {
  local -A answered=() patched=()
  local i response pid other=0 w all_seen
  for ((i = 0; i < 200; i++)); do
    response=$(curl -sf -i "$url") || die "GET $url failed"
    pid=$(printf '%s\n' "$response" | sed -n 's/^X-Worker: \([0-9]*\).*/\1/p')
    [ -n "$pid" ] || die "no X-Worker header in: $response"
    answered[$pid]=$(( ${answered[$pid]:-0} + 1 ))
    case $response in *'Active connections (hotpatched): '*) patched[$pid]=$(( ${patched[$pid]:-0} + 1 )) ;; esac
    all_seen=1
    for w in "$@"; do [ "${answered[$w]:-0}" -ge 2 ] || all_seen=0; done
    [ "$all_seen" = 1 ] && break
  done
  for w in "$@"; do
    echo "worker $w: ${answered[$w]:-0} fresh connections, ${patched[$w]:-0} with the new text"
    unset "answered[$w]"
  done
  for pid in "${!answered[@]}"; do other=$(( other + answered[$pid] )); done
  echo "other processes: $other fresh connections"
}

# The edit: the handler's first line, in the length it reserves and in the
# text it prints.
edit="s/\"Active connections:/\"Active connections (hotpatched):/g"
say "under load from ab: edit $handler_file, hcc patch --all $nginx"
bash "$under_load" -t 120 -s /status "$url" -- \
  sh -c 'sed -i "$1" "$2" && exec "$3" patch --all "$4"' sh "$edit" "$src/$handler_file" "$hcc" "$nginx"

say "hcc status $nginx"
"$hcc" status "$nginx"

say "fresh connections"
fresh_connections "${workers[@]}"

# A reload starts new workers, forked by the master, which was patched.
old_workers="${workers[*]}"
say "nginx -s reload"
"$nginx" -p "$run" -c conf/nginx.conf -s reload
new_workers() { find_processes && [[ " $old_workers " != *" ${workers[0]} "* ]] && [[ " $old_workers " != *" ${workers[1]} "* ]]; }
poll 30 new_workers || die "no two new workers after the reload (workers: ${workers[*]})"
echo "nginx: master ${master}, new workers ${workers[0]} ${workers[1]}"
fresh_connections "${workers[@]}"

say "error log"
echo "alerts: $(grep -cE '\[(alert|crit|emerg)\]' "$run/logs/error.log" || true)"

say "stopping nginx"
stop
echo "nginx: stopped"
