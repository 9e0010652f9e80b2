/*
** books.h: who may read and change the books now.
**
** The books are what a revert needs to agree with: the history of applied
** patches (history.h), the current impls and hashes of the registry, and
** the slots themselves.  One owner at a time: the holder of the loader
** mutex (loader.h takes the books with the mutex, for a whole apply or
** revert), a thread running loader work at a safe point for that holder,
** or a fault handler reverting slots (faults.c).  While a function that
** hcc call runs at a safe point executes, the holder of the loader mutex
** leaves them free (call.c), so that a fault handler can revert.  A
** handler cannot wait, so it only tries to claim them; taking them in
** normal context waits for a handler's claim, which lasts a few stores and
** mprotect calls.
*/
#ifndef HOTPATCH_RUNTIME_BOOKS_H
#define HOTPATCH_RUNTIME_BOOKS_H

#include <stdbool.h>

/* Normal context, with the loader mutex held: take the books (waiting for
** a fault handler's claim), give them back. */
void hpb_take(void);
void hpb_give_back(void);

/* Signal context (async-signal-safe, never waits): claim the books,
** returning false when somebody else owns them; release them. */
bool hpb_claim_from_signal(void);
void hpb_release_from_signal(void);

/* A thread running loader work at a safe point (safepoint.c) acts for the
** taker, which waits for it: it owns the books from acting(true) to
** acting(false). */
void hpb_act_for_taker(bool acting);

/* Whether the calling thread owns the books (assertions). */
bool hpb_owned(void);

#endif /* HOTPATCH_RUNTIME_BOOKS_H */
