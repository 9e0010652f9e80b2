/*
** mutex.c: mutexes that know their owner (for assertions and for fork).
*/
#include "mutex.h"

#include <assert.h>

void hpw_lock(struct hpw_mutex *mutex) {
  pthread_mutex_lock(&mutex->mutex);
  __atomic_store_n(&mutex->owner, pthread_self(), __ATOMIC_RELAXED);
  __atomic_store_n(&mutex->held, 1, __ATOMIC_RELEASE);
}

void hpw_unlock(struct hpw_mutex *mutex) {
  assert(hpw_held(mutex));
  __atomic_store_n(&mutex->held, 0, __ATOMIC_RELEASE);
  pthread_mutex_unlock(&mutex->mutex);
}

/* Another thread may lock and unlock meanwhile, but it never stores this
** thread's id, so only the owner ever sees held with its own id. */
bool hpw_held(const struct hpw_mutex *mutex) {
  return __atomic_load_n(&mutex->held, __ATOMIC_ACQUIRE) &&
         pthread_equal(__atomic_load_n(&mutex->owner, __ATOMIC_RELAXED),
                       pthread_self());
}
