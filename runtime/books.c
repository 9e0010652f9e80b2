/*
** books.c: who may read and change the books now (books.h).
*/
#include "books.h"

#include <pthread.h>
#include <sched.h>

enum { FREE, TAKEN, CLAIMED }; /* by nobody, the loader, a fault handler */

static int state;       /* atomic */
static pthread_t taker; /* atomic; meaningful while TAKEN */
static __thread bool claimed_here;
static __thread bool acting_for_taker;

void hpb_take(void) {
  for (;;) {
    int free_books = FREE;
    if (__atomic_compare_exchange_n(&state, &free_books, TAKEN, false,
                                    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
      break;
    sched_yield(); /* a fault handler reverting slots: microseconds */
  }
  __atomic_store_n(&taker, pthread_self(), __ATOMIC_RELAXED);
}

void hpb_give_back(void) {
  __atomic_store_n(&taker, (pthread_t)0, __ATOMIC_RELAXED);
  __atomic_store_n(&state, FREE, __ATOMIC_RELEASE);
}

bool hpb_claim_from_signal(void) {
  int free_books = FREE;
  if (!__atomic_compare_exchange_n(&state, &free_books, CLAIMED, false,
                                   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
    return false;
  claimed_here = true;
  return true;
}

void hpb_release_from_signal(void) {
  claimed_here = false;
  __atomic_store_n(&state, FREE, __ATOMIC_RELEASE);
}

void hpb_act_for_taker(bool acting) {
  acting_for_taker = acting;
}

bool hpb_owned(void) {
  if (claimed_here || acting_for_taker)
    return true;
  return __atomic_load_n(&state, __ATOMIC_ACQUIRE) == TAKEN &&
         pthread_equal(__atomic_load_n(&taker, __ATOMIC_RELAXED),
                       pthread_self());
}
