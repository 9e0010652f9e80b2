/*
** idtable.c: open addressing from stable id to registry entry.
**
** Sections:
**   hashing      XXH3-64 of an id, inlined so the static library needs no
**                libxxhash at link time
**   probing      finding an id's cell
**   growth       reserve and rehash
*/
#include "idtable.h"

#include "grow.h"

#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

/* ---------------------------------------------------------------- hashing */

uint64_t hpt_hash(const char *id) {
  return XXH3_64bits(id, strlen(id));
}

/* ---------------------------------------------------------------- probing */

/* The cell holding `id` in `scope`, or the empty cell where it would go.
** Needs a non-empty array with at least one free cell, which reserve
** guarantees. */
static struct hpt_entry *probe(const struct hpt_table *table, const char *id,
                               uint64_t hash, const void *scope) {
  size_t mask = table->capacity - 1;
  for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
    struct hpt_entry *cell = &table->entries[i];
    if (!cell->id)
      return cell;
    if (cell->hash == hash && cell->scope == scope && strcmp(cell->id, id) == 0)
      return cell;
  }
}

struct hpt_entry *hpt_find(const struct hpt_table *table, const char *id,
                           uint64_t hash, const void *scope) {
  if (table->capacity == 0)
    return NULL;
  struct hpt_entry *cell = probe(table, id, hash, scope);
  return cell->id ? cell : NULL;
}

struct hpt_entry *hpt_find_or_add(struct hpt_table *table, const char *id,
                                  uint64_t hash, const void *scope,
                                  bool *added) {
  struct hpt_entry *cell = probe(table, id, hash, scope);
  *added = cell->id == NULL;
  if (*added) {
    cell->hash = hash;
    cell->id = id;
    cell->scope = scope;
    table->count++;
  }
  return cell;
}

/* ----------------------------------------------------------------- growth */

/* At most half full keeps linear-probing runs short. */
static size_t capacity_for(size_t count) {
  size_t capacity = HPT_INITIAL_CAPACITY;
  while (capacity / 2 < count)
    capacity *= 2;
  return capacity;
}

/* Move every entry into a fresh array of `capacity` cells. */
static int rehash(struct hpt_table *table, size_t capacity) {
  struct hpt_table bigger = {hpu_pages(capacity * sizeof(struct hpt_entry)),
                             capacity, 0};
  if (!bigger.entries)
    return -1;
  for (size_t i = 0; i < table->capacity; i++) {
    const struct hpt_entry *old = &table->entries[i];
    if (old->id)
      *probe(&bigger, old->id, old->hash, old->scope) = *old;
  }
  bigger.count = table->count;
  hpu_pages_free(table->entries, table->capacity * sizeof(struct hpt_entry));
  *table = bigger;
  return 0;
}

int hpt_reserve(struct hpt_table *table, size_t count) {
  size_t capacity = capacity_for(count);
  if (capacity <= table->capacity)
    return 0;
  return rehash(table, capacity);
}

void hpt_clear(struct hpt_table *table) {
  for (size_t i = 0; i < table->capacity; i++)
    free(table->entries[i].mirrors);
  hpu_pages_free(table->entries, table->capacity * sizeof(struct hpt_entry));
  table->entries = NULL;
  table->capacity = 0;
  table->count = 0;
}
