/*
** generation.h: the patch generation and the reload count.
*/
#ifndef HOTPATCH_RUNTIME_GENERATION_H
#define HOTPATCH_RUNTIME_GENERATION_H

/* Count one more applied patch (generation and reload count); returns the
** new generation.  Called by the patch loader after it has published every
** slot of a patch. */
unsigned long hpg_bump(void);

/* Count one applied patch less (a revert): the generation drops, the
** reload count still goes up.  Returns the new generation.  Called by the
** patch loader after it has restored the slots. */
unsigned long hpg_drop(void);

#endif /* HOTPATCH_RUNTIME_GENERATION_H */
