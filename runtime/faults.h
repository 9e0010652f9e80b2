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

/* The record of the patch at `path` (whose modules are `modules`), made the
** first time and kept for good: the address range of its code and of every
** function it defines.  Normal context, loader mutex held, before the
** commit.  NULL when out of memory (its faults are then not attributed). */
struct hpx_patch *hpx_patch_for(const char *path,
                                const struct hotpatch_patch *const *modules,
                                size_t count);

/* The patch was published as `generation`.  The first call installs the
** fault handlers (sigaction), keeping the program's handlers to chain to.
** `patch` may be NULL. */
void hpx_applied(struct hpx_patch *patch, unsigned long generation);

/* The record of generation `generation` (patch file `path`) was popped
** from the history; the loader mutex is held. */
void hpx_reverted(const char *path, unsigned long generation);

/* Revert, with the loader mutex and all bookkeeping, every patch of
** generation `generation` and later (revert.c).  Normal context. */
void hpa_revert_down_to(unsigned long generation);

#endif /* HOTPATCH_RUNTIME_FAULTS_H */
