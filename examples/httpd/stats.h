/*
** stats.h: the server's counters, shared by every worker thread.
**
** Counters only ever grow; they live in static storage of stats.c, so a
** patch of any other file (or of stats.c itself) carries them on.
*/
#ifndef HTTPD_STATS_H
#define HTTPD_STATS_H

#include <stddef.h>

enum stat_id {
  STAT_REQUESTS,         /* responses sent, every route */
  STAT_HELLO,            /* GET / and /hello */
  STAT_FIB,              /* GET /fib/N */
  STAT_STATS,            /* GET /stats */
  STAT_NOT_FOUND,        /* 404 */
  STAT_BAD_REQUEST,      /* 400 and 405 */
  STAT_CONN_ACCEPTED,    /* connections accepted */
  STAT_CONN_BY_CLIENT,   /* ... closed by the client (end of file or reset) */
  STAT_CONN_BY_SERVER,   /* ... closed by us (asked to, bad request, stop) */
  STAT_CACHE_HITS,
  STAT_CACHE_MISSES,
  STAT_COUNT
};

/* Adds 1 to counter ID; any thread, no lock. */
void stats_count(enum stat_id id);

/* The current value of counter ID. */
unsigned long stats_get(enum stat_id id);

/*
** Writes every counter as a line `name value` into OUT (CAP bytes, NUL
** terminated; cut short when it does not fit).
*/
void stats_format(char *out, size_t cap);

#endif
