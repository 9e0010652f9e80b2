/*
** hotpatch_debug.h: runtime <-> debugger, in the manner of gdb's JIT
** interface.
**
** A debugger cannot call into a stopped program safely, so the runtime
** keeps, at a known symbol, a log a debugger reads from memory, and calls an
** empty function after every apply and every revert, on which a debugger
** sets a breakpoint to learn of the change at once (gdb/hotpatch.py does,
** and reads this layout with fixed offsets: every field is 8 bytes).
** Both symbols are exported, so a stripped program still has them.
*/
#ifndef HOTPATCH_DEBUG_H
#define HOTPATCH_DEBUG_H

#include <stdint.h>

#define HOTPATCH_DEBUG_VERSION 1

enum hotpatch_debug_kind {
  HOTPATCH_DEBUG_APPLY = 1, /* a patch was applied                      */
  HOTPATCH_DEBUG_REVERT = 2 /* the newest patch was reverted            */
};

/* One apply or revert; never changes once logged. */
struct hotpatch_debug_event {
  uint64_t kind;       /* enum hotpatch_debug_kind                 */
  uint64_t generation; /* the generation after the event           */
  int64_t time;        /* seconds since the epoch                  */
  const char *path;    /* the patch file applied or reverted       */
  uint64_t function_count;
  const char *const *functions; /* ids of the functions whose code changed */
};

/* The log, oldest event first.  `events` may move when the log grows;
** read it while the program is stopped. */
struct hotpatch_debug_descriptor {
  uint64_t version; /* HOTPATCH_DEBUG_VERSION                   */
  uint64_t count;
  const struct hotpatch_debug_event *events;
};

extern struct hotpatch_debug_descriptor __hotpatch_debug_descriptor;

/* Called after each event is logged, with the event; does nothing. */
void __hotpatch_debug_notify(const struct hotpatch_debug_event *event);

#endif /* HOTPATCH_DEBUG_H */
