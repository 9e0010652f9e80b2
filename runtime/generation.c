/*
** generation.c: hotpatch_generation() and hotpatch_safepoint().
**
** Neither takes a lock: a program may call hotpatch_safepoint() once per
** frame or per request, so its fast path is a single relaxed load.
*/
#include "generation.h"

#include "hotpatch.h"
#include "internal.h"

static unsigned long generation;
static int patch_pending;

unsigned long hpg_bump(void) {
  return __atomic_add_fetch(&generation, 1, __ATOMIC_ACQ_REL);
}

unsigned long hpg_drop(void) {
  return __atomic_sub_fetch(&generation, 1, __ATOMIC_ACQ_REL);
}

void hpg_set_pending(int pending) {
  __atomic_store_n(&patch_pending, pending, __ATOMIC_RELEASE);
}

/*
** The number of patches applied so far.  Acquire pairs with the bump, so a
** caller that sees generation N also sees the slots that patch N published.
*/
HP_API unsigned long hotpatch_generation(void) {
  return __atomic_load_n(&generation, __ATOMIC_ACQUIRE);
}

/* The slow path of a safe point.  The patch loader (a later change) applies
** the waiting patch here; until then nothing is ever pending. */
static void apply_pending_patch(void) {
}

/*
** A point where the program is ready for new code.  The fast path is one
** relaxed load: the flag only says "look"; the loader's own locking orders
** everything else.
*/
HP_API void hotpatch_safepoint(void) {
  if (__builtin_expect(__atomic_load_n(&patch_pending, __ATOMIC_RELAXED), 0))
    apply_pending_patch();
}
