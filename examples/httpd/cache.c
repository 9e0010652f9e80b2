/*
** cache.c: the cache of rendered response bodies.
**
** Direct-mapped (a key has one slot, a newer key evicts an older one) and
** behind one mutex: the values are tiny, so copying under the lock is
** cheaper than any cleverness.  The table is static storage, so it keeps
** its entries across patches of the code that uses it.
*/
#include "cache.h"

#include <pthread.h>
#include <stdio.h>

#include "stats.h"

#define CACHE_SLOTS 64

struct entry {
  bool used;
  unsigned key;
  char value[CACHE_VALUE_MAX];
};

static struct entry entries[CACHE_SLOTS];
static unsigned used_count;             /* entries[].used that are true */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

bool cache_get(unsigned key, char *out, size_t cap) {
  pthread_mutex_lock(&lock);
  const struct entry *e = &entries[key % CACHE_SLOTS];
  bool hit = e->used && e->key == key;
  if (hit)
    snprintf(out, cap, "%s", e->value);
  pthread_mutex_unlock(&lock);
  stats_count(hit ? STAT_CACHE_HITS : STAT_CACHE_MISSES);
  return hit;
}

void cache_put(unsigned key, const char *value) {
  pthread_mutex_lock(&lock);
  struct entry *e = &entries[key % CACHE_SLOTS];
  if (!e->used)
    used_count++;
  e->used = true;
  e->key = key;
  snprintf(e->value, sizeof e->value, "%s", value);
  pthread_mutex_unlock(&lock);
}

unsigned cache_entries(void) {
  pthread_mutex_lock(&lock);
  unsigned n = used_count;
  pthread_mutex_unlock(&lock);
  return n;
}
