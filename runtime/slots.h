/*
** slots.h: publishing new code into function slots.
**
** Every call of an instrumented function loads its slot, so one pointer store
** redirects every caller: threads switch at their next call.  All slot
** writes go through here, because a later change keeps slot pages read-only
** except while publishing.
*/
#ifndef HOTPATCH_RUNTIME_SLOTS_H
#define HOTPATCH_RUNTIME_SLOTS_H

/* Make every later call through `slot` reach `target`.  The store is a
** release: code and data that `target` relies on, written before this call,
** are visible to any thread that calls through the new pointer.  Callers
** serialise publications (the registry lock).  Returns 0, or -1 with errno
** set when the slot could not be written. */
int hps_publish(void **slot, void *target);

#endif /* HOTPATCH_RUNTIME_SLOTS_H */
