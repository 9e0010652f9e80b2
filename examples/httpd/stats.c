/*
** stats.c: the server's counters.
**
** Relaxed atomics: each counter is exact on its own, and nothing orders one
** counter against another, so the workers never wait for each other here.
*/
#include "stats.h"

#include <stdatomic.h>
#include <stdio.h>

static _Atomic unsigned long counters[STAT_COUNT];

/* The names /stats prints, in enum order. */
static const char *const names[STAT_COUNT] = {
  [STAT_REQUESTS] = "requests",
  [STAT_HELLO] = "hello",
  [STAT_FIB] = "fib",
  [STAT_STATS] = "stats",
  [STAT_NOT_FOUND] = "not_found",
  [STAT_BAD_REQUEST] = "bad_request",
  [STAT_CONN_ACCEPTED] = "connections_accepted",
  [STAT_CONN_BY_CLIENT] = "connections_closed_by_client",
  [STAT_CONN_BY_SERVER] = "connections_closed_by_server",
  [STAT_CACHE_HITS] = "cache_hits",
  [STAT_CACHE_MISSES] = "cache_misses",
};

void stats_count(enum stat_id id) {
  atomic_fetch_add_explicit(&counters[id], 1, memory_order_relaxed);
}

unsigned long stats_get(enum stat_id id) {
  return atomic_load_explicit(&counters[id], memory_order_relaxed);
}

void stats_format(char *out, size_t cap) {
  size_t len = 0;
  for (int id = 0; id < STAT_COUNT; id++) {
    int n = snprintf(out + len, cap - len, "%s %lu\n", names[id], stats_get(id));
    if (n < 0 || (size_t)n >= cap - len)
      return;
    len += (size_t)n;
  }
}
