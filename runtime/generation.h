/*
** generation.h: the patch generation and the "patch pending" flag.
*/
#ifndef HOTPATCH_RUNTIME_GENERATION_H
#define HOTPATCH_RUNTIME_GENERATION_H

/* Count one more applied patch; returns the new generation.  Called by the
** patch loader after it has published every slot of a patch. */
unsigned long hpg_bump(void);

/* Count one applied patch less (a revert); returns the new generation.
** Called by the patch loader after it has restored the slots. */
unsigned long hpg_drop(void);

/* Raise or clear the flag hotpatch_safepoint() polls: a patch is waiting to
** be applied at the next safe point. */
void hpg_set_pending(int pending);

#endif /* HOTPATCH_RUNTIME_GENERATION_H */
