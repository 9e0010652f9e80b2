/*
** config.c: the HOTPATCH environment variable.
**
** Only the exact value "off" turns the runtime off; anything else (or no
** variable) leaves it on, so that a typo never silently disables patching
** of a program the user is about to edit.
*/
#include "config.h"

#include <stdlib.h>
#include <string.h>

enum { HPC_UNKNOWN, HPC_ON, HPC_OFF };

static int enabled_state = HPC_UNKNOWN;

/*
** Constructors may call this before main and from any thread; getenv is
** safe then.  Racing first calls compute the same answer, so a relaxed
** store suffices.
*/
bool hpc_enabled(void) {
  int state = __atomic_load_n(&enabled_state, __ATOMIC_RELAXED);
  if (state == HPC_UNKNOWN) {
    const char *value = getenv("HOTPATCH");
    state = value && strcmp(value, "off") == 0 ? HPC_OFF : HPC_ON;
    __atomic_store_n(&enabled_state, state, __ATOMIC_RELAXED);
  }
  return state == HPC_ON;
}
