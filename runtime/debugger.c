/*
** debugger.c: the log of applies and reverts a debugger reads, and the hook
** it breaks on (hotpatch_debug.h).
**
** Events are appended under a mutex and never change; the array holding
** them is reallocated as it grows, which is why a debugger reads it only
** while the program is stopped (at the hook, or anywhere).
*/
#define _POSIX_C_SOURCE 200809L
#include "debugger.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "grow.h"
#include "internal.h"

HP_API struct hotpatch_debug_descriptor __hotpatch_debug_descriptor = {
    .version = HOTPATCH_DEBUG_VERSION};

static struct hotpatch_debug_event *events; /* under log_lock */
static size_t capacity;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

/* Empty, and kept so: the debugger's breakpoint is the point. */
HP_API __attribute__((noinline)) void
__hotpatch_debug_notify(const struct hotpatch_debug_event *event) {
  __asm__ volatile("" : : "r"(event) : "memory");
}

/* A copy of the `count` pointers of `ids`, NULL-safe for count 0. */
static const char *const *copy_ids(const char *const *ids, size_t count) {
  const char **copy = hpu_zeroed(count, sizeof *copy);
  if (copy && count)
    memcpy(copy, ids, count * sizeof *copy);
  return copy;
}

void hdg_notify(enum hotpatch_debug_kind kind, unsigned long generation,
                const char *path, const char *const *ids, size_t count) {
  struct hotpatch_debug_event event = {.kind = kind,
                                       .generation = generation,
                                       .time = (int64_t)time(NULL),
                                       .function_count = ids ? count : 0};
  event.path = strdup(path ? path : "");
  event.functions = copy_ids(ids, event.function_count);
  pthread_mutex_lock(&log_lock);
  size_t n = __hotpatch_debug_descriptor.count;
  struct hotpatch_debug_event *grown =
      event.path && event.functions
          ? hpu_grow(events, &capacity, n + 1, sizeof *events)
          : NULL;
  if (grown) {
    events = grown;
    events[n] = event;
    __hotpatch_debug_descriptor.events = events;
    __hotpatch_debug_descriptor.count = n + 1;
    __hotpatch_debug_notify(&events[n]);
  } else {
    free((char *)event.path);
    free((void *)event.functions);
  }
  pthread_mutex_unlock(&log_lock);
}

int hdg_attached(void) {
  FILE *status = fopen("/proc/self/status", "re");
  char line[128];
  int tracer = 0;
  while (status && fgets(line, sizeof line, status))
    if (sscanf(line, "TracerPid: %d", &tracer) == 1)
      break;
  if (status)
    fclose(status);
  return tracer != 0;
}
