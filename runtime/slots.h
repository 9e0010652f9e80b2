/*
** slots.h: publishing new code into function slots.
**
** Every call of an instrumented function loads its slot, so one pointer store
** redirects every caller: threads switch at their next call.  All slot
** writes go through here, because slot pages are read-only except while
** publishing (for objects linked by hcc, see slot_pages.h).
*/
#ifndef HOTPATCH_RUNTIME_SLOTS_H
#define HOTPATCH_RUNTIME_SLOTS_H

#include <stdbool.h>
#include <stddef.h>

/*
** Writing slots, by the owner of the books (loader.h), in three steps so
** that a transaction can fail before its commit point and never after it:
**
**   hps_open     make the page of `slot` writable, if it is protected;
**                returns 0, or -1 with errno set (nothing to undo but
**                hps_close);
**   hps_publish  make every later call through `slot` reach `target`: a
**                release store, so code and data `target` relies on,
**                written before, are visible to any thread that calls
**                through the new pointer.  Cannot fail; the slot's page
**                was opened (asserted);
**   hps_close    make every opened page read-only again.
*/
int hps_open(void **slot);
void hps_publish(void **slot, void *target);
void hps_close(void);

/* hps_open of `slot` and of its `count` mirrors (the same function's slots
** in other objects); on failure every page opened so far, by this call or
** earlier ones, is closed again and -1 returned with errno set. */
int hps_open_function(void **slot, void **const *mirrors, size_t count);

/* Make the slot pages of the object (program or shared object) holding
** `slot` read-only, when that object gives them pages of their own; once
** per object.  Called at module registration, any thread, no lock held. */
void hps_protect(void **slot);

/* hps_open + hps_publish + hps_close for a signal handler that owns the
** books: no lock, async-signal-safe.  Returns false when the slot's page
** could not be made writable (the slot is unchanged). */
bool hps_publish_from_signal(void **slot, void *target);

/* The slots lock around fork() (fork.c), taken after the registry lock (the
** order hps_publish has under it), so no child starts with it held. */
void hps_lock_for_fork(void);
void hps_unlock_after_fork(void);

#endif /* HOTPATCH_RUNTIME_SLOTS_H */
