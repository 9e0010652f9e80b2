/*
** collect.h: receiving patch modules while the loader is inside dlopen().
**
** Each translation unit of a patch has a constructor that calls
** __hotpatch_register_patch(desc).  Those constructors run inside the
** loader's dlopen(), on the loader's thread; the loader opens a collecting
** window around the call and takes what arrived.
*/
#ifndef HOTPATCH_RUNTIME_COLLECT_H
#define HOTPATCH_RUNTIME_COLLECT_H

#include <stdbool.h>
#include <stddef.h>

#include "hotpatch_abi.h"

/* Start collecting: patch modules registered from now on are kept. */
void hpk_begin(void);

/* Stop collecting and hand over what arrived, in registration order, as a
** malloc'd array (*modules, *count; NULL and 0 when none).  Returns 0, or
** -1 when a module could not be recorded for lack of memory (the array is
** then freed and nothing handed over). */
int hpk_end(const struct hotpatch_patch ***modules, size_t *count);

#endif /* HOTPATCH_RUNTIME_COLLECT_H */
