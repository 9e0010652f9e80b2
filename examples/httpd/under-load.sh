#!/usr/bin/env bash
# under-load.sh [-c CONNECTIONS] [-n REQUESTS] [-t SECONDS] [-w WINDOW] [-s PATH] URL -- COMMAND [ARGS...]
#
# Runs COMMAND (an edit and `hcc patch --pid`, an `hcc revert`, ...) while
# ApacheBench (`ab`, Debian's apache2-utils) loads URL of the example
# server (or of nginx), and shows what the clients saw:
#
#   1. starts `ab -k -l -c CONNECTIONS -t SECONDS -n REQUESTS URL` in the
#      background (keep-alive; -l: a patched handler may change the length
#      of the body, which ab would otherwise count as a failure);
#   2. waits until the server's request counter (PATH on URL's server:
#      /stats, the example server's `requests N`, or an nginx
#      stub_status page, whose third number counts requests) shows the
#      load running, then for WINDOW more requests: the throughput before;
#   3. runs COMMAND;
#   4. right after COMMAND returns, fetches URL once with curl and prints
#      the body: the response the next request gets; then reads the
#      counter again: the throughput in the window that held COMMAND;
#   5. waits for WINDOW/2 more requests (the load goes on over whatever
#      COMMAND changed), stops ab with SIGINT (ab then prints its totals)
#      and prints ab's count of complete, failed, keep-alive and non-2xx
#      requests.  A connection the server drops shows as keep-alive
#      requests fewer than complete ones: ab does not count a keep-alive
#      request whose connection closed before any answer as failed, it
#      sends it again on a new connection (seen with ab 2.3 of Debian 12).
#
# Every wait polls a condition and gives up after SECONDS.  Exit status:
# COMMAND's when it failed; 1 when the load failed or ended before COMMAND
# did (then raise -n or -t).  Defaults: -c 8 -n 1000000 -t 60 -w 20000
# -s /stats.
set -euo pipefail

connections=8 requests=1000000 seconds=60 window=20000 stats_path=/stats
while getopts c:n:t:w:s: opt; do
  case $opt in
    c) connections=$OPTARG ;;
    n) requests=$OPTARG ;;
    t) seconds=$OPTARG ;;
    w) window=$OPTARG ;;
    s) stats_path=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 3 ] && [ "$2" = -- ] || { echo "usage: under-load.sh [-c N] [-n N] [-t S] [-w N] [-s PATH] URL -- COMMAND [ARGS...]" >&2; exit 2; }
url=$1
shift 2
# host:port of URL: the counter (PATH) is read there.
server=$(printf '%s' "$url" | sed -E 's|^http://([^/]+).*|\1|')
say() { echo "load: $*"; }
die() { echo "load: error: $*" >&2; exit 1; }
for tool in ab curl; do
  command -v "$tool" >/dev/null || die "'$tool' not found: install apache2-utils and curl (scripts/setup.sh does)"
done

tmp=$(mktemp -d)
ab_pid=
cleanup() {
  [ -n "$ab_pid" ] && kill "$ab_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
ab_out=$tmp/ab.out

# Polling must not cost the machine what it measures: the counter is read
# over bash's /dev/tcp, and the pause between reads is a read with a
# timeout on a fifo nobody writes, so that a poll starts no process.
mkfifo "$tmp/never"
exec {never}<>"$tmp/never"
pause() { read -r -t 0.02 -u "$never" _ || true; }

# Sets count to the server's request counter, read from PATH on one
# keep-alive connection kept for every poll: the first line of the example
# server's /stats, `requests N`, or the third number under nginx's
# `server accepts handled requests`.
stats_fd=
served() {
  local line len=0 body
  [ -n "$stats_fd" ] || exec {stats_fd}<>"/dev/tcp/${server%:*}/${server##*:}" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: %s\r\n\r\n' "$stats_path" "$server" >&"$stats_fd"
  while IFS= read -r -u "$stats_fd" line && [ "$line" != $'\r' ]; do
    case $line in Content-Length:*) len=${line#Content-Length: } len=${len%$'\r'} ;; esac
  done
  IFS= read -r -N "$len" -u "$stats_fd" body || return 1
  if [[ $body =~ 'accepts handled requests'$'\n'' '*[0-9]+' '+[0-9]+' '+([0-9]+) ]]; then
    count=${BASH_REMATCH[1]}
    return 0
  fi
  body=${body#requests }
  count=${body%%$'\n'*}
  [[ $count =~ ^[0-9]+$ ]]
}

# Polls the request counter until it reaches $1 while ab runs; leaves
# count and time_us (microseconds) at the first reading at or past it.
deadline_us=$(( ${EPOCHREALTIME/./} + seconds * 1000000 ))
wait_for_count() {
  while :; do
    served || die "cannot read http://$server$stats_path"
    time_us=${EPOCHREALTIME/./}
    [ "$count" -ge "$1" ] && return 0
    kill -0 "$ab_pid" 2>/dev/null || { cat "$ab_out" >&2; die "ab ended before the server had served $1 requests"; }
    [ "$time_us" -lt "$deadline_us" ] || die "the server served $count requests, not $1, in ${seconds}s"
    pause
  done
}

# Sets rate_value to the requests per second from ($1 requests, $2 us) to
# ($3, $4), and rate_text to a description of the window.
rate() {
  local n=$(( $3 - $1 )) us=$(( $4 - $2 ))
  [ "$us" -gt 0 ] || us=1
  rate_value=$(( n * 1000000 / us ))
  printf -v rate_text '%d requests in %d.%d ms: %d req/s' "$n" $((us / 1000)) $((us % 1000 / 100)) "$rate_value"
}

served || die "no server answers http://$server$stats_path"
start=$count
say "ab -k -l -c $connections -t $seconds -n $requests $url"
ab -k -l -c "$connections" -t "$seconds" -n "$requests" "$url" > "$ab_out" 2>&1 &
ab_pid=$!

wait_for_count $(( start + 2000 ))
before_count=$count before_us=$time_us
wait_for_count $(( before_count + window ))
rate "$before_count" "$before_us" "$count" "$time_us"
before_rate=$rate_value
say "before: $rate_text"
cmd_count=$count cmd_us=$time_us

say "running: $*"
status=0
"$@" || status=$?
kill -0 "$ab_pid" 2>/dev/null || { cat "$ab_out" >&2; die "the load ended before the command did: raise -n or -t"; }
say "next response: $(curl -sf "$url")"
served || die "cannot read http://$server$stats_path"
after_us=${EPOCHREALTIME/./} # the window holds the command, that request and this one
rate "$cmd_count" "$cmd_us" "$count" "$after_us"
say "during the command: $rate_text ($(( rate_value * 100 / (before_rate > 0 ? before_rate : 1) ))% of before)"
[ "$status" = 0 ] || { say "command exit $status"; exit "$status"; }

wait_for_count $(( count + window / 2 ))
kill -INT "$ab_pid"
wait "$ab_pid" || true # ab exits 1 after SIGINT, having printed its totals
ab_pid=
grep -E '^(Complete requests|Failed requests|Keep-Alive requests|Non-2xx responses|   \(Connect)' "$ab_out" | sed 's/^/load: ab: /'
