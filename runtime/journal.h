/*
** journal.h: every patch applied to this process, for `hcc status
** --history` (control request `history`).
**
** history.h keeps what a revert needs, and forgets a patch once it is
** reverted; the journal keeps what people ask afterwards: when each patch
** was applied, what it changed, how long applying took, the words its
** client sent with it (hcc's files and stage times, opaque here), and
** whether it was reverted since, by a `revert` request or after a fault
** in its code.  It lives in the process, so every client sees the same
** history, whichever hcc applied the patches and whether it still runs.
**
** Bounded: the newest HPJ_KEEP entries are kept, older ones are dropped
** (the answer says how many).  Function ids are not copied: they live in
** descriptors that stay mapped (applied patches are never unloaded).
** Locking: only the owner of the books (books.h) reads or changes it;
** asserted.
*/
#ifndef HOTPATCH_RUNTIME_JOURNAL_H
#define HOTPATCH_RUNTIME_JOURNAL_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

enum { HPJ_KEEP = 256 };

enum hpj_state {
  HPJ_APPLIED,       /* still runs (or a later patch replaced parts) */
  HPJ_REVERTED,      /* undone by a `revert` request                 */
  HPJ_REVERTED_FAULT /* undone after a fault in its code (faults.c)  */
};

struct hpj_entry;

/* An entry for the patch at `path`, with the client's words `about` (may
** be NULL) and room for `changed` and `added` ids, not yet in the journal.
** NULL when out of memory. */
struct hpj_entry *hpj_new(const char *path, const char *about, size_t changed,
                          size_t added);

/* Free an entry that was never added. */
void hpj_free(struct hpj_entry *entry);

/* Add `entry`, applied now as `generation`, which changed the functions
** changed[0..changed_count) and added added[0..added_count) (at most the
** room hpj_new reserved; the pointers are copied, not the strings), the
** apply having taken `apply_us` microseconds.  Cannot fail: the oldest
** entry makes room.  Returns the entry's serial number (1 for the first
** patch this process ever applied). */
unsigned long hpj_add(struct hpj_entry *entry, unsigned long generation,
                      const char **changed, size_t changed_count,
                      const char **added, size_t added_count, long apply_us);

/* The patch with serial number `serial` was reverted now, how: HPJ_REVERTED
** or HPJ_REVERTED_FAULT.  Nothing when it was dropped. */
void hpj_reverted(unsigned long serial, enum hpj_state how);

/* The `history` answer (hotpatch_control.h), oldest first. */
void hpj_write(FILE *answer);

/* Forget everything (unit tests). */
void hpj_reset(void);

#endif /* HOTPATCH_RUNTIME_JOURNAL_H */
