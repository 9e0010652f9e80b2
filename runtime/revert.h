/*
** revert.h: undoing patches (control request `revert`, and the reverts a
** fault handler began) and the `status` answer.
**
** Answers are written to `answer` as the control protocol defines them
** (hotpatch_control.h): lines starting "ok" or "error".
*/
#ifndef HOTPATCH_RUNTIME_REVERT_H
#define HOTPATCH_RUNTIME_REVERT_H

#include <stdio.h>

/* Undo the newest applied patch: restore its slots, impls and hashes,
** drop the generation by one, run the reload hooks.  Answers "ok
** generation=<n>" or "error nothing to revert".  Returns 0 when reverted. */
int hpa_revert(FILE *answer);

/* Answer "ok generation=<n> modules=<n> functions=<n>" and one line
** "patch <generation> <path>" per applied patch, oldest first. */
void hpa_status(FILE *answer);

/* Answer the `history` request: the journal (journal.h), with every
** revert a fault handler began finished first. */
void hpa_history(FILE *answer);

/* hpa_lock (loader.h), after which the books match the slots: every revert
** a fault handler began (faults.c) is finished first (history, hashes,
** generation, reload hooks, run under the mutex).  Every control request
** takes the mutex this way. */
void hpa_lock_settled(void);

#endif /* HOTPATCH_RUNTIME_REVERT_H */
