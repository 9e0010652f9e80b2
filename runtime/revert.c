/*
** revert.c: undoing the newest patch (control request `revert`) and the
** `status` answer.
**
** A revert is only a repointing of slots: the reverted patch stays loaded
** (its code may be on a stack), and the functions and data it added stay
** registered, unused by the code that runs again.
*/
#include <stdlib.h>
#include <unistd.h>

#include "constants.h"
#include "generation.h"
#include "history.h"
#include "hotpatch.h"
#include "loader.h"
#include "registry.h"
#include "reload_hooks.h"
#include "slots.h"

/* Newest change first, so a function changed twice in one record (never
** produced, but harmless) ends at its oldest value. */
static void restore(const struct hpy_record *record) {
  for (size_t i = record->change_count; i-- > 0;) {
    const struct hpy_change *change = &record->changes[i];
    hps_publish(change->slot, change->previous_impl);
    struct hpt_entry *entry = hpr_function_entry(change->id);
    if (entry) {
      entry->impl = change->previous_impl;
      entry->hash_lo = change->previous_hash_lo;
      entry->hash_hi = change->previous_hash_hi;
    }
  }
  for (size_t i = 0; i < record->module_count; i++) {
    const struct hpy_module_change *change = &record->modules[i];
    struct hpr_module_record *module = hpr_find_module(change->module_id);
    if (module) {
      module->hash_lo = change->previous_hash_lo;
      module->hash_hi = change->previous_hash_hi;
    }
  }
}

int hpa_revert(FILE *answer) {
  hpa_lock();
  struct hpy_record *record = hpy_pop();
  if (!record) {
    hpa_unlock();
    fputs("error nothing to revert\n", answer);
    return -1;
  }
  hpr_lock();
  restore(record);
  hpr_unlock();
  hpk_restore(record);
  unsigned long generation = hpg_drop();
  hpa_unlock();

  /* The ids of the functions whose code changed back; they live in
  ** descriptors that stay mapped. */
  const char **ids = calloc(record->change_count + 1, sizeof *ids);
  if (ids) {
    for (size_t i = 0; i < record->change_count; i++)
      ids[i] = record->changes[i].id;
    hph_run_reload_hooks(generation, ids, record->change_count);
  } else {
    hph_run_reload_hooks(generation, NULL, 0);
  }
  free(ids);
  hpy_free_record(record);
  fprintf(answer, "ok generation=%lu\n", generation);
  return 0;
}

void hpa_status(FILE *answer) {
  hpa_lock();
  hpr_lock();
  fprintf(answer, "ok generation=%lu modules=%zu functions=%zu\n",
          hotpatch_generation(), hpr_module_count(), hpr_function_count());
  hpr_unlock();
  for (size_t i = 0; i < hpy_depth(); i++) {
    const struct hpy_record *record = hpy_at(i);
    fprintf(answer, "patch %lu %s\n", record->generation, record->path);
  }
  hpa_unlock();
}
