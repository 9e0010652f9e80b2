/*
** loader.h: the patch transaction and the loader mutex.
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
** the history and the journal (with the client's words `about`, which
** may be NULL), run the reload hooks.  Answers "ok generation=<n>
** changed=<ids> new=<ids>" or "error <why>".  Returns 0 when applied. */
int hpa_apply(const char *path, const char *about, FILE *answer);

/* The descriptor row of a loaded patch that brought `code` as function
** `id` (the row says what the code is: its hash, its signature), or NULL.
** Caller holds the loader mutex. */
struct hotpatch_function;
const struct hotpatch_function *hpa_patch_function(const char *id,
                                                   const void *code);

/* The loader mutex, for revert/status and for fork (fork.c).  Holding it
** also owns the books (books.h); taking it waits for a fault handler that
** claimed them. */
void hpa_lock(void);
void hpa_unlock(void);

/* Whether the calling thread holds the loader mutex (a patch's init or
** constructor calling fork()), or runs loader work at a safe point for its
** holder. */
int hpa_held_by_caller(void);

#endif /* HOTPATCH_RUNTIME_LOADER_H */
