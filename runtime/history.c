/*
** history.c: the stack of applied patches, for revert and status.
*/
#define _POSIX_C_SOURCE 200809L
#include "history.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "books.h"
#include "grow.h"

static struct {
  struct hpy_record **records; /* oldest first */
  size_t depth;
  size_t capacity;
} history;

/* Room for one more record on the stack; 0 or -1. */
static int reserve_one(void) {
  struct hpy_record **records = hpu_grow(history.records, &history.capacity,
                                         history.depth + 1, sizeof *records);
  if (!records)
    return -1;
  history.records = records;
  return 0;
}

/* Made and freed like the journal's entry (journal.c), a record of the
** same apply kept for another reader: this one undoes it, that one reports
** it and outlives a revert.  A deliberate mirror. */
struct hpy_record *hpy_new_record(const char *path, size_t changes,
                                  size_t modules) {
  assert(hpb_owned());
  if (reserve_one() != 0)
    return NULL;
  struct hpy_record *record = calloc(1, sizeof *record);
  if (!record)
    return NULL;
  record->path = strdup(path ? path : "");
  record->changes = hpu_zeroed(changes, sizeof *record->changes);
  record->modules = hpu_zeroed(modules, sizeof *record->modules);
  if (!record->path || !record->changes || !record->modules) {
    hpy_free_record(record);
    return NULL;
  }
  return record;
}

void hpy_free_record(struct hpy_record *record) {
  if (!record)
    return;
  free(record->path);
  free(record->changes);
  free(record->modules);
  for (size_t i = 0; i < record->update_count; i++)
    free(record->updates[i].previous);
  free(record->updates);
  free(record);
}

int hpy_add_update(struct hpy_record *record, void *target,
                   unsigned char *previous, size_t size) {
  struct hpy_update *updates =
      realloc(record->updates, (record->update_count + 1) * sizeof *updates);
  if (!updates)
    return -1;
  record->updates = updates;
  updates[record->update_count++] = (struct hpy_update){target, previous, size};
  return 0;
}

void hpy_add_change(struct hpy_record *record,
                    const struct hotpatch_module *owner, const char *id,
                    void **slot, void *previous_impl, uint64_t previous_hash_lo,
                    uint64_t previous_hash_hi, int mirror) {
  record->changes[record->change_count++] = (struct hpy_change){
      owner, id, slot, previous_impl, previous_hash_lo, previous_hash_hi,
      mirror};
}

void hpy_add_module_change(struct hpy_record *record, const char *module_id,
                           uint64_t previous_hash_lo,
                           uint64_t previous_hash_hi) {
  record->modules[record->module_count++] =
      (struct hpy_module_change){module_id, previous_hash_lo, previous_hash_hi};
}

unsigned long hpy_push(struct hpy_record *record) {
  assert(hpb_owned());
  history.records[history.depth++] = record;
  record->generation = history.depth;
  return record->generation;
}

struct hpy_record *hpy_pop(void) {
  assert(hpb_owned());
  if (history.depth == 0)
    return NULL;
  return history.records[--history.depth];
}

size_t hpy_depth(void) {
  assert(hpb_owned());
  return history.depth;
}

const struct hpy_record *hpy_at(size_t index) {
  assert(hpb_owned());
  return index < history.depth ? history.records[index] : NULL;
}

void hpy_reset(void) {
  assert(hpb_owned());
  while (history.depth)
    hpy_free_record(history.records[--history.depth]);
  free(history.records);
  history.records = NULL;
  history.capacity = 0;
}
