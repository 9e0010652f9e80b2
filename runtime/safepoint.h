/*
** safepoint.h: the apply mode and running loader work at a safe point.
**
** In immediate mode (the default) the loader publishes from the control
** thread.  In safe-point mode (HOTPATCH_MODE=safepoint, or
** hotpatch_set_mode()) the control thread prepares everything that can
** fail, then hands the publishing step to whichever program thread next
** calls hotpatch_safepoint(), and waits for it.
*/
#ifndef HOTPATCH_RUNTIME_SAFEPOINT_H
#define HOTPATCH_RUNTIME_SAFEPOINT_H

#include <stdbool.h>
#include <stddef.h>

/* Whether patches wait for hotpatch_safepoint() now.  The first call reads
** HOTPATCH_MODE ("safepoint" or "immediate"; anything else warns once and
** means immediate); hotpatch_set_mode() overrides it. */
bool hpp_safepoint_mode(void);

/* Run `work(arg)`: at once on the calling thread in immediate mode, else on
** the next thread that calls hotpatch_safepoint(), waiting for it at most
** HOTPATCH_SAFEPOINT_TIMEOUT seconds (default 10, on the monotonic clock).
** Called by the loader with the loader mutex held (asserted: the caller
** owns the books, books.h); `work` then runs as if it held it too
** (hpa_held_by_caller() and hpb_owned() are true there).  At a safe point,
** that thread runs `after(arg)` (the reload hooks) next, once `work` is
** done, while the poster may already have let the loader mutex go.
** Returns 1 when `work` ran at a safe point, 0 when it ran at once, -1
** when no safe point came in time: `work` did not run and never will, and
** `why` says so.  Every call is followed by hpp_finish. */
int hpp_run(void (*work)(void *), void (*after)(void *), void *arg, char *why,
            size_t size);

/* After hpp_run returned `ran`, with the loader mutex released: run
** `after(arg)` here (ran 0), or wait until the safe point has run it (ran
** 1), or nothing (ran -1).  `after` and `arg` are those given to hpp_run;
** `arg` may be freed when this returns. */
void hpp_finish(int ran, void (*after)(void *), void *arg);

/* fork(): the prepare handler takes the job lock; the parent's and child's
** handlers release it, and the child's starts with no job (its poster is
** not there): `in_child`. */
void hpp_lock_for_fork(void);
void hpp_unlock_after_fork(bool in_child);

/* Whether the calling thread is running loader work inside
** hotpatch_safepoint() (it then acts for the holder of the loader mutex). */
bool hpp_at_safepoint(void);

#endif /* HOTPATCH_RUNTIME_SAFEPOINT_H */
