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

/* Make every later call through `slot` reach `target`.  The store is a
** release: code and data that `target` relies on, written before this call,
** are visible to any thread that calls through the new pointer.  Callers
** serialise publications (the registry lock).  Returns 0, or -1 with errno
** set when the slot could not be written. */
int hps_publish(void **slot, void *target);

/* Make the slot pages of the object (program or shared object) holding
** `slot` read-only, when that object gives them pages of their own; once
** per object.  Called at module registration, any thread, no lock held. */
void hps_protect(void **slot);

/* hps_publish for a signal handler: no lock, async-signal-safe (an atomic
** store, and mprotect around it for a protected slot).  The caller makes
** sure nobody publishes at the same time (the loader mutex is free). */
void hps_publish_from_signal(void **slot, void *target);

/* The slots lock around fork() (fork.c), taken after the registry lock (the
** order hps_publish has under it), so no child starts with it held. */
void hps_lock_for_fork(void);
void hps_unlock_after_fork(void);

#endif /* HOTPATCH_RUNTIME_SLOTS_H */
