# hello-counter.awk: reads the output of `demo.sh httpd --auto` and checks
# that the server's hello counter, at each /stats dump, holds every /hello
# request the clients saw answered: those ab counted as complete, plus
# the demo's own GET /hello and under-load.sh's "next response".  A counter
# reset by a patch would fall short by thousands.  Each load was stopped
# with SIGINT, when each of its C connections (under-load.sh's -c, passed
# as -v c=C) may have had one request answered that ab did not count: at
# most C more per load.
/^GET \/hello: / || /^load: next response: / { curls++ }
/^load: ab: Complete requests: / { ab += $NF; loads++ }
/^hello [0-9]+$/ {
  low = ab + curls
  high = low + c * loads
  if ($2 >= low && $2 <= high)
    printf "hello after %d loads: in range\n", loads
  else
    printf "hello after %d loads: %d, not in [%d, %d]\n", loads, $2, low, high
}
