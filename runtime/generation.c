/*
** generation.c: hotpatch_generation() and hotpatch_reload_count().
**
** Two counters, both changed by the loader after it has published a patch
** or restored the slots of a revert (and the generation also by a fault
** handler, as soon as it has pointed the slots back): the generation is the
*depth of the
** stack of applied patches (it goes down on revert), the reload count only
** goes up (every apply and every revert).  No lock: a program may read them
** once per frame or per request.
*/
#include "generation.h"

#include <stdbool.h>

#include "hotpatch.h"
#include "internal.h"

static unsigned long generation;
static unsigned long reloads;

unsigned long hpg_bump(void) {
  unsigned long now = __atomic_add_fetch(&generation, 1, __ATOMIC_ACQ_REL);
  __atomic_add_fetch(&reloads, 1, __ATOMIC_RELEASE);
  return now;
}

/* A revert a fault handler lowered the generation for was counted by the
** handler already. */
unsigned long hpg_drop_to(unsigned long now) {
  if (__atomic_exchange_n(&generation, now, __ATOMIC_ACQ_REL) != now)
    __atomic_add_fetch(&reloads, 1, __ATOMIC_RELEASE);
  return now;
}

/* The handler holds the books, so no apply or revert runs meanwhile; the
** loop is for another thread's handler lowering it too. */
void hpg_lower_from_signal(unsigned long reverted) {
  unsigned long now = __atomic_load_n(&generation, __ATOMIC_ACQUIRE);
  while (now >= reverted) {
    if (__atomic_compare_exchange_n(&generation, &now, reverted - 1, false,
                                    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
      __atomic_add_fetch(&reloads, 1, __ATOMIC_RELEASE);
      return;
    }
  }
}

/*
** The number of patches applied and not reverted.  Acquire pairs with the
** bump, so a caller that sees generation N also sees the slots that patch N
** published.
*/
HP_API unsigned long hotpatch_generation(void) {
  return __atomic_load_n(&generation, __ATOMIC_ACQUIRE);
}

/*
** Every apply and every revert so far.  Acquire pairs with the increment,
** which comes after the slots were written: a caller that sees the count
** change also sees the code that changed.
*/
HP_API unsigned long hotpatch_reload_count(void) {
  return __atomic_load_n(&reloads, __ATOMIC_ACQUIRE);
}
