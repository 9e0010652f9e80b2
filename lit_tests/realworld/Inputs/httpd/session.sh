#!/usr/bin/env bash
# session.sh HTTPD DIR: starts the example server (examples/httpd), sends
# it a fixed list of requests with curl and over a raw socket, stops it
# with SIGTERM and prints everything it answered, the port and the pid
# replaced by PORT and PID so that two builds can be compared.
set -euo pipefail
httpd=$1 dir=$2
log=$dir/httpd.log

"$httpd" -t 2 < /dev/null > "$log" 2>&1 &
pid=$!
# Polls for the line saying where it listens; 20 s at most.
for _ in $(seq 400); do
  grep -q "listening on" "$log" && break
  sleep 0.05
done
port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/ .*|\1|p' "$log")
[ -n "$port" ] || { cat "$log"; echo "session: the server did not start" >&2; exit 1; }
url=http://127.0.0.1:$port

# get [CURL OPTIONS] PATH: one request with curl; prints its status line,
# headers and body.
get() {
  echo "== curl $*"
  curl -s -i "${@:1:$#-1}" "$url${!#}" | tr -d '\r'
  echo
}

# Writes $1 (printf format) on one connection and prints all it reads back
# until the server closes the connection.
raw() {
  echo "== raw ${1//\\r\\n/ | }"
  exec 5<>"/dev/tcp/127.0.0.1/$port"
  printf "$1" >&5
  timeout 20 tr -d '\r' <&5 # until the server closes; bounded, should it not
  exec 5<&-
  echo
}

get "/"
get "/hello"
get "/fib/0"
get "/fib/1"
get "/fib/93"
get "/fib/93"
get "/fib/94"
get "/fib/x"
get "/nope"
get -I "/hello"
get -0 "/hello"
get -d x=1 "/hello"
get -X DELETE "/hello"
raw 'GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /fib/10 HTTP/1.1\r\nConnection: close\r\n\r\n'
raw 'GET /fib/10 HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /stats HTTP/1.0\r\n\r\n'
raw 'NONSENSE\r\n\r\n'
kill -TERM "$pid"
timeout 20 tail --pid="$pid" -f /dev/null ||
  { kill -KILL "$pid"; echo "session: the server did not stop on SIGTERM" >&2; exit 1; }
wait "$pid"
sed "s/:$port/:PORT/; s/pid $pid/pid PID/" "$log"
