/*
** generation.c: hotpatch_generation().
**
** No lock: a program may read it once per frame or per request.
*/
#include "generation.h"

#include "hotpatch.h"
#include "internal.h"

static unsigned long generation;

unsigned long hpg_bump(void) {
  return __atomic_add_fetch(&generation, 1, __ATOMIC_ACQ_REL);
}

unsigned long hpg_drop(void) {
  return __atomic_sub_fetch(&generation, 1, __ATOMIC_ACQ_REL);
}

/*
** The number of patches applied so far.  Acquire pairs with the bump, so a
** caller that sees generation N also sees the slots that patch N published.
*/
HP_API unsigned long hotpatch_generation(void) {
  return __atomic_load_n(&generation, __ATOMIC_ACQUIRE);
}
