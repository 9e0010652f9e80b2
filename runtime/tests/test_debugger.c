/*
** test_debugger.c: the log a debugger reads (debugger.c): events appended
** in order with their kind, generation, path and function ids, the path and
** the id array copied, the descriptor following the log as it grows.  (The
** hook, which a debugger breaks on, is checked by lit_tests/debug/.)
*/
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "debugger.h"

int main(void) {
  CHECK_EQ_INT(__hotpatch_debug_descriptor.version, HOTPATCH_DEBUG_VERSION);
  CHECK_EQ_INT(__hotpatch_debug_descriptor.count, 0);

  char path[] = "/tmp/patches/1/patch.so";
  const char *ids[] = {"first", "lib.c:second"};
  hdg_notify(HOTPATCH_DEBUG_APPLY, 1, path, ids, 2);
  path[0] = 'X';   /* the log keeps its own copy of the path */
  ids[0] = "gone"; /* and of the array of ids                */
  hdg_notify(HOTPATCH_DEBUG_REVERT, 0, "/tmp/patches/1/patch.so", NULL, 0);
  for (unsigned long g = 1; g <= 20; g++) /* grows past its first room */
    hdg_notify(HOTPATCH_DEBUG_APPLY, g, "/p", ids + 1, 1);

  const struct hotpatch_debug_descriptor *log = &__hotpatch_debug_descriptor;
  CHECK_EQ_INT(log->count, 22);
  const struct hotpatch_debug_event *apply = &log->events[0];
  CHECK_EQ_INT(apply->kind, HOTPATCH_DEBUG_APPLY);
  CHECK_EQ_INT(apply->generation, 1);
  CHECK(apply->time > 0);
  CHECK_EQ_STR(apply->path, "/tmp/patches/1/patch.so");
  CHECK_EQ_INT(apply->function_count, 2);
  CHECK_EQ_STR(apply->functions[0], "first");
  CHECK_EQ_STR(apply->functions[1], "lib.c:second");
  const struct hotpatch_debug_event *revert = &log->events[1];
  CHECK_EQ_INT(revert->kind, HOTPATCH_DEBUG_REVERT);
  CHECK_EQ_INT(revert->generation, 0);
  CHECK_EQ_INT(revert->function_count, 0);
  CHECK_EQ_INT(log->events[21].generation, 20);
  CHECK_EQ_STR(log->events[21].functions[0], "lib.c:second");
  return check_finish("test_debugger");
}
