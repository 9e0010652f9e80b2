/*
** constants.h: copying a patch's new content over external constants.
**
** A changed `const` table with external linkage is read in place by
** unchanged code in other files; a patch carries the new content
** (struct hotpatch_update) and the runtime writes it over the process's
** storage, which is read-only: the pages are made writable for the copy and
** get their previous protection back (read from /proc/self/maps, since a
** constant may share a page with code).
**
** Locking: callers hold the loader mutex.
*/
#ifndef HOTPATCH_RUNTIME_CONSTANTS_H
#define HOTPATCH_RUNTIME_CONSTANTS_H

#include <stddef.h>

#include "history.h"
#include "hotpatch_abi.h"

/* Save the current content of every constant `patch` updates into `record`
** (for revert).  Imports must be resolved.  Returns 0, or -1 when out of
** memory. */
int hpk_save(struct hpy_record *record, const struct hotpatch_patch *patch);

/* Write every update of `patch`.  Returns 0, or -1 with errno set when a
** page could not be made writable (nothing is left half-written: the
** caller restores with hpk_restore). */
int hpk_apply(const struct hotpatch_patch *patch);

/* Make every page `record`'s updates write writable, before a revert's
** commit point.  Returns 0, or -1 with errno set and nothing left open. */
int hpk_open(const struct hpy_record *record);

/* Write back the content `record` saved, newest first.  After hpk_open of
** the same record it cannot fail; on the apply path, where nothing was
** opened, a page that cannot be made writable is left as it was. */
void hpk_restore(const struct hpy_record *record);

/* Give the pages hpk_open opened their protection back. */
void hpk_close(void);

#endif /* HOTPATCH_RUNTIME_CONSTANTS_H */
