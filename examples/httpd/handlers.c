/*
** handlers.c: what the server answers, one function per route.
**
**   GET /, /hello   a greeting (the handler the demo edits under load)
**   GET /fib/N      the Nth Fibonacci number, 0 <= N <= 93, cached
**   GET /stats      every counter, and the size of the cache
**
** Routes are a table of function pointers: a patched handler is reached
** through the same pointer, since hcc keeps function addresses stable.
*/
#include "handlers.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "stats.h"

/* Sets RES to STATUS with a text body made from FORMAT. */
static void reply(struct http_response *res, int status, const char *format, ...) {
  va_list args;
  va_start(args, format);
  int n = vsnprintf(res->body, sizeof res->body, format, args);
  va_end(args);
  res->status = status;
  res->type = "text/plain";
  res->len = n < 0 ? 0 : (size_t)n < sizeof res->body ? (size_t)n : sizeof res->body - 1;
}

static void handle_hello(const char *arg, struct http_response *res) {
  (void)arg;
  reply(res, 200, "hello, world\n");
}

/* Fibonacci numbers fit 64 bits up to fib(93). */
static uint64_t fib(unsigned n) {
  uint64_t a = 0, b = 1;
  for (unsigned i = 0; i < n; i++) {
    uint64_t next = a + b;
    a = b;
    b = next;
  }
  return a;
}

/* ARG is what follows /fib/: a number from 0 to 93. */
static void handle_fib(const char *arg, struct http_response *res) {
  char *end;
  unsigned long n = strtoul(arg, &end, 10);
  if (*arg < '0' || *arg > '9' || *end != '\0' || n > 93) {
    stats_count(STAT_BAD_REQUEST);
    reply(res, 400, "fib: want /fib/N with N from 0 to 93\n");
    return;
  }
  char text[CACHE_VALUE_MAX];
  if (!cache_get((unsigned)n, text, sizeof text)) {
    snprintf(text, sizeof text, "fib(%lu) = %llu\n", n, (unsigned long long)fib((unsigned)n));
    cache_put((unsigned)n, text);
  }
  reply(res, 200, "%s", text);
}

static void handle_stats(const char *arg, struct http_response *res) {
  (void)arg;
  char counters[HTTP_BODY_MAX - 32];
  stats_format(counters, sizeof counters);
  reply(res, 200, "%scache_entries %u\n", counters, cache_entries());
}

struct route {
  const char *path;       /* the whole path, or a prefix when it ends in '/' */
  void (*handle)(const char *arg, struct http_response *res);
  enum stat_id counter;
};

static const struct route routes[] = {
  { "/", handle_hello, STAT_HELLO },
  { "/hello", handle_hello, STAT_HELLO },
  { "/fib/", handle_fib, STAT_FIB },
  { "/stats", handle_stats, STAT_STATS },
};

/* The route PATH takes, with *ARG set to the rest of the path; NULL if none. */
static const struct route *find_route(const char *path, const char **arg) {
  for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
    const struct route *r = &routes[i];
    size_t n = strlen(r->path);
    bool prefix = n > 1 && r->path[n - 1] == '/';
    if (prefix ? strncmp(path, r->path, n) == 0 : strcmp(path, r->path) == 0) {
      *arg = path + n;
      return r;
    }
  }
  return NULL;
}

void handlers_serve(const struct http_request *req, struct http_response *res) {
  stats_count(STAT_REQUESTS);
  const char *arg;
  const struct route *r = find_route(req->path, &arg);
  if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0) {
    stats_count(STAT_BAD_REQUEST);
    reply(res, 405, "only GET and HEAD\n");
  } else if (r == NULL) {
    stats_count(STAT_NOT_FOUND);
    reply(res, 404, "no such page: %s\n", req->path);
  } else {
    stats_count(r->counter);
    r->handle(arg, res);
  }
}

void handlers_bad_request(struct http_response *res) {
  stats_count(STAT_REQUESTS);
  stats_count(STAT_BAD_REQUEST);
  reply(res, 400, "bad request\n");
}
