/*
** reload_hooks.h: running the callbacks of hotpatch_on_reload().
*/
#ifndef HOTPATCH_RUNTIME_RELOAD_HOOKS_H
#define HOTPATCH_RUNTIME_RELOAD_HOOKS_H

#include <stddef.h>

/* Call every registered reload callback, in registration order, with the
** new generation and the ids of the functions the patch changed.  Takes no
** lock while calling, so callbacks may register further callbacks (those
** registered during this run may or may not be called this time).  The
** caller holds no runtime lock: a callback may fork().  On the control
** thread the callbacks run with the program's signal mask. */
void hph_run_reload_hooks(unsigned long generation, const char *const *changed,
                          size_t count);

/* fork(): the prepare handler takes the list's lock, both sides release. */
void hph_lock_for_fork(void);
void hph_unlock_after_fork(void);

#endif /* HOTPATCH_RUNTIME_RELOAD_HOOKS_H */
