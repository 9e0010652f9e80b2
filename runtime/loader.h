/*
** loader.h: the patch transaction, revert and status.
**
** One loader mutex serialises every transaction (apply, revert) and status.
** Lock order: loader mutex, then the registry lock.  Answers are written to
** `answer` as the control protocol defines them (hotpatch_control.h): one
** line starting "ok" or "error".
*/
#ifndef HOTPATCH_RUNTIME_LOADER_H
#define HOTPATCH_RUNTIME_LOADER_H

#include <stdio.h>

/* Load the patch file at absolute `path` and apply all of its modules or
** none: dlopen, verify, fill imports, run init, register new entries,
** publish every changed function, bump the generation, record the patch in
** the history, run the reload hooks.  Answers "ok generation=<n>
** changed=<ids> new=<ids>" or "error <why>".  Returns 0 when applied. */
int hpa_apply(const char *path, FILE *answer);

/* Undo the newest applied patch: restore its slots, impls and hashes,
** drop the generation by one, run the reload hooks.  Answers "ok
** generation=<n>" or "error nothing to revert".  Returns 0 when reverted. */
int hpa_revert(FILE *answer);

/* Answer "ok generation=<n> modules=<n> functions=<n>" and one line
** "patch <generation> <path>" per applied patch, oldest first. */
void hpa_status(FILE *answer);

/* The loader mutex, for revert/status and for fork (fork.c). */
void hpa_lock(void);
void hpa_unlock(void);

/* Whether the calling thread holds the loader mutex (a patch's init or
** constructor calling fork()). */
int hpa_held_by_caller(void);

/* Whether any thread holds the loader mutex now (async-signal-safe). */
int hpa_busy(void);

#endif /* HOTPATCH_RUNTIME_LOADER_H */
