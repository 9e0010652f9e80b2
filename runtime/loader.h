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

#include <stdbool.h>
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

/* The loader mutex, for revert/status and for fork (fork.c).  Holding it
** also owns the books (below); taking it waits for a fault handler that
** owns them. */
void hpa_lock(void);
void hpa_unlock(void);

/* hpa_lock, after which the books match the slots: every revert a fault
** handler began (faults.c) is finished first (history, hashes, generation,
** reload hooks).  Every control request takes the mutex this way. */
void hpa_lock_settled(void);

/* Whether the calling thread holds the loader mutex (a patch's init or
** constructor calling fork()), or runs loader work at a safe point for its
** holder. */
int hpa_held_by_caller(void);

/*
** The books: the history (history.h), the impls and hashes of the registry
** and the slots themselves.  Only their owner reads or changes them: the
** holder of the loader mutex, or a fault handler that claimed them.  From
** a signal handler (async-signal-safe, never waits): claim them, returning
** false when someone else owns them; release them.
*/
bool hpa_claim_from_signal(void);
void hpa_release_from_signal(void);

/* Whether the calling thread owns the books now (assertions). */
bool hpa_owns_books(void);

#endif /* HOTPATCH_RUNTIME_LOADER_H */
