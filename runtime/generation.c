/*
** generation.c: hotpatch_generation() and hotpatch_reload_count().
**
** Two counters, both changed by the loader after it has published a patch
** or restored the slots of a revert: the generation is the depth of the
** stack of applied patches (it goes down on revert), the reload count only
** goes up (every apply and every revert).  No lock: a program may read them
** once per frame or per request.
*/
#include "generation.h"

#include "hotpatch.h"
#include "internal.h"

static unsigned long generation;
static unsigned long reloads;

unsigned long hpg_bump(void) {
  unsigned long now = __atomic_add_fetch(&generation, 1, __ATOMIC_ACQ_REL);
  __atomic_add_fetch(&reloads, 1, __ATOMIC_RELEASE);
  return now;
}

unsigned long hpg_drop(void) {
  unsigned long now = __atomic_sub_fetch(&generation, 1, __ATOMIC_ACQ_REL);
  __atomic_add_fetch(&reloads, 1, __ATOMIC_RELEASE);
  return now;
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
