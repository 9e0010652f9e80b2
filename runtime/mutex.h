/*
** mutex.h: mutexes that know their owner.
**
** Every "the caller holds the lock" rule of the runtime is an assertion in
** builds with assertions on (SQLite's assert(sqlite3_mutex_held())):
** hpw_held() answers whether the calling thread holds the mutex.  Only the
** owner can see itself as the owner, so the answer is exact for the caller
** whatever other threads do.
*/
#ifndef HOTPATCH_RUNTIME_MUTEX_H
#define HOTPATCH_RUNTIME_MUTEX_H

#include <pthread.h>
#include <stdbool.h>

struct hpw_mutex {
  pthread_mutex_t mutex;
  pthread_t owner; /* atomic; meaningful while held */
  int held;        /* atomic */
};

#define HPW_MUTEX_INITIALIZER {PTHREAD_MUTEX_INITIALIZER, 0, 0}

void hpw_lock(struct hpw_mutex *mutex);
void hpw_unlock(struct hpw_mutex *mutex);

/* Whether the calling thread holds `mutex`. */
bool hpw_held(const struct hpw_mutex *mutex);

#endif /* HOTPATCH_RUNTIME_MUTEX_H */
