/*
** config.c: the HOTPATCH, HOTPATCH_RELEASE_PAGES,
** HOTPATCH_RELEASE_WRITTEN_PAGES, HOTPATCH_TABLE_PAGES and
** HOTPATCH_LAZY_ENTRIES environment variables.
**
** Only the exact value "off" turns the runtime off; anything else (or no
** variable) leaves it on, so that a typo never silently disables patching
** of a program the user is about to edit.  Likewise only "0" keeps the
** pages of superseded patches resident, or only those they wrote, puts
** the registry's tables in malloc's heap, or enters a module's entries as
** it registers.
*/
#include "config.h"

#include <stdlib.h>
#include <string.h>

enum { HPC_UNKNOWN, HPC_ON, HPC_OFF };

static int enabled_state = HPC_UNKNOWN;

/* The "0"-to-turn-off switches, written before enabled_state. */
enum { RELEASE_PAGES, RELEASE_WRITTEN_PAGES, TABLE_PAGES, LAZY_ENTRIES };
static const char *const switch_names[] = {
    [RELEASE_PAGES] = "HOTPATCH_RELEASE_PAGES",
    [RELEASE_WRITTEN_PAGES] = "HOTPATCH_RELEASE_WRITTEN_PAGES",
    [TABLE_PAGES] = "HOTPATCH_TABLE_PAGES",
    [LAZY_ENTRIES] = "HOTPATCH_LAZY_ENTRIES",
};
#define SWITCH_COUNT (sizeof switch_names / sizeof switch_names[0])
static int switch_states[SWITCH_COUNT];

static int read_switch(const char *name, const char *off) {
  const char *value = getenv(name);
  return value && strcmp(value, off) == 0 ? HPC_OFF : HPC_ON;
}

/*
** Constructors call this before main, where getenv is safe; every switch
** is read then, never later, when a thread of the program may be in
** setenv.  Racing first calls compute the same answers; the release
** store pairs with the acquire load, so whoever sees enabled_state set
** sees the other switches set too.
*/
bool hpc_enabled(void) {
  int state = __atomic_load_n(&enabled_state, __ATOMIC_ACQUIRE);
  if (state == HPC_UNKNOWN) {
    for (size_t i = 0; i < SWITCH_COUNT; i++)
      __atomic_store_n(&switch_states[i], read_switch(switch_names[i], "0"),
                       __ATOMIC_RELAXED);
    state = read_switch("HOTPATCH", "off");
    __atomic_store_n(&enabled_state, state, __ATOMIC_RELEASE);
  }
  return state == HPC_ON;
}

/* Whether the runtime is on and switch `which` was not turned off. */
static bool switch_on(int which) {
  return hpc_enabled() &&
         __atomic_load_n(&switch_states[which], __ATOMIC_RELAXED) == HPC_ON;
}

/* See config.h. */
bool hpc_release_pages(void) {
  return switch_on(RELEASE_PAGES);
}

/* See config.h. */
bool hpc_release_written_pages(void) {
  return hpc_release_pages() && switch_on(RELEASE_WRITTEN_PAGES);
}

/* See config.h. */
bool hpc_table_pages(void) {
  return switch_on(TABLE_PAGES);
}

/* See config.h. */
bool hpc_lazy_entries(void) {
  return switch_on(LAZY_ENTRIES);
}
