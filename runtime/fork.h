/*
** fork.h: keeping the runtime consistent across fork().
*/
#ifndef HOTPATCH_RUNTIME_FORK_H
#define HOTPATCH_RUNTIME_FORK_H

/* Install the pthread_atfork handlers, once: fork() waits for a patch
** transaction in progress (so the child never inherits a half-published
** patch or a held lock), and the child listens on its own socket. */
void hpf_install(void);

#endif /* HOTPATCH_RUNTIME_FORK_H */
