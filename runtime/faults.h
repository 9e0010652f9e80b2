/*
** faults.h: faults in patched code (SIGSEGV, SIGBUS, SIGFPE, SIGILL).
**
** When code of an applied patch faults, the runtime reports which function
** of which generation faulted and where, reverts the patches from that
** generation on, and either resumes the faulting thread at its resume point
** (HOTPATCH_RESUME_POINT in hotpatch.h) or lets the program die of the
** signal (or hands it to the program's own handler).  Faults anywhere else
** go to the handler the program had before, untouched.
*/
#ifndef HOTPATCH_RUNTIME_FAULTS_H
#define HOTPATCH_RUNTIME_FAULTS_H

#include <stddef.h>

#include "hotpatch_abi.h"

/* What the signal handler knows of one patch file's code. */
struct hpx_patch;

/* The record of the patch at `path` (whose modules are `modules`): the
** address range of its code and of every function it defines.  The record
** of a path applied before is reused (applied patches stay mapped); a new
** one stays unknown to the handler until hpx_applied.  Normal context,
** loader mutex held, before the commit.  NULL when out of memory (its
** faults are then not attributed). */
struct hpx_patch *hpx_patch_new(const char *path,
                                const struct hotpatch_patch *const *modules,
                                size_t count);

/* The patch was refused: forget a record that hpx_applied never saw (the
** patch is about to be unmapped).  `patch` may be NULL. */
void hpx_discard(struct hpx_patch *patch);

/* The patch is about to be published as `generation`: from now on a fault
** in its code is attributed and reverted.  The first call installs the
** fault handlers (sigaction), keeping the program's handlers to chain to.
** `patch` may be NULL.  Loader mutex held. */
void hpx_applied(struct hpx_patch *patch, unsigned long generation);

/* The record of generation `generation` (patch file `path`) was popped
** from the history; the loader mutex is held. */
void hpx_reverted(const char *path, unsigned long generation);

/* The signal of the fault that sent the calling thread back to its resume
** point (the jump left the handler with it blocked). */
int hpx_resumed_signal(void);

/* The lowest generation a fault handler reverted since the last call (its
** bookkeeping is still to do), or 0; clears it.  Loader mutex held. */
unsigned long hpx_take_reverted(void);

#endif /* HOTPATCH_RUNTIME_FAULTS_H */
