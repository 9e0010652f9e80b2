/*
** strset.c: the string set (see strset.h): linear probing over XXH3
** hashes, doubled when half full.
*/
#include "strset.h"

#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "util.h"

/* The slot holding `key`, or the empty slot where it belongs. */
static size_t probe(const struct hs_set *s, const char *key) {
  size_t mask = s->nslots - 1;
  size_t i = (size_t)XXH3_64bits(key, strlen(key)) & mask;
  while (s->slots[i] && strcmp(s->keys[s->slots[i] - 1], key) != 0)
    i = (i + 1) & mask;
  return i;
}

/* Twice the slots; room for as many members as fit before the next
** growth (half the slots). */
static void grow(struct hs_set *s) {
  s->nslots = s->nslots ? s->nslots * 2 : 64;
  s->keys = hu_xrealloc(s->keys, s->nslots / 2 * sizeof *s->keys);
  free(s->slots);
  s->slots = hu_xmalloc(s->nslots * sizeof *s->slots);
  memset(s->slots, 0, s->nslots * sizeof *s->slots);
  for (int k = 0; k < s->count; k++)
    s->slots[probe(s, s->keys[k])] = k + 1;
}

/* See strset.h. */
int hs_add(struct hs_set *s, const char *key, int *added) {
  if ((size_t)(s->count + 1) * 2 > s->nslots)
    grow(s);
  size_t i = probe(s, key);
  if (added)
    *added = !s->slots[i];
  if (!s->slots[i]) {
    s->keys[s->count++] = hu_xstrdup(key);
    s->slots[i] = s->count;
  }
  return s->slots[i] - 1;
}

/* See strset.h. */
int hs_find(const struct hs_set *s, const char *key) {
  if (!s->nslots)
    return -1;
  size_t i = probe(s, key);
  return s->slots[i] - 1;
}

/* See strset.h. */
void hs_free(struct hs_set *s) {
  for (int k = 0; k < s->count; k++)
    free(s->keys[k]);
  free(s->keys);
  free(s->slots);
  memset(s, 0, sizeof *s);
}
