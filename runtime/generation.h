/*
** generation.h: the patch generation and the reload count.
*/
#ifndef HOTPATCH_RUNTIME_GENERATION_H
#define HOTPATCH_RUNTIME_GENERATION_H

/* Count one more applied patch (generation and reload count); returns the
** new generation.  Called by the patch loader after it has published every
** slot of a patch. */
unsigned long hpg_bump(void);

/* A revert, finished: the generation becomes `generation` (one below the
** reverted patch's) and the reload count goes up, unless a fault handler
** did both already.  Returns `generation`.  Called by the patch loader
** after it has restored the slots. */
unsigned long hpg_drop_to(unsigned long generation);

/* Signal context (async-signal-safe): a fault handler pointed the slots of
** generation `reverted` and later back, so the program sees at most
** `reverted - 1`, and one more reload, at once; the rest of the revert is
** finished by hpg_drop_to in normal context. */
void hpg_lower_from_signal(unsigned long reverted);

#endif /* HOTPATCH_RUNTIME_GENERATION_H */
