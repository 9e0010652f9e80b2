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
#include "faults.h"
#include "generation.h"
#include "history.h"
#include "hotpatch.h"
#include "loader.h"
#include "registry.h"
#include "reload_hooks.h"
#include "safepoint.h"
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
      /* Mirrors too, also those of libraries loaded since the patch. */
      for (size_t m = 0; !change->mirror && m < entry->mirror_count; m++)
        hps_publish(entry->mirrors[m], change->previous_impl);
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

/* The ids of the functions whose code changed back; they live in
** descriptors that stay mapped. */
static void run_hooks(const struct hpy_record *record,
                      unsigned long generation) {
  const char **ids = calloc(record->change_count + 1, sizeof *ids);
  if (ids) {
    size_t count = 0;
    for (size_t i = 0; i < record->change_count; i++)
      if (!record->changes[i].mirror)
        ids[count++] = record->changes[i].id;
    hph_run_reload_hooks(generation, ids, count);
  } else {
    hph_run_reload_hooks(generation, NULL, 0);
  }
  free(ids);
}

struct revert_job {
  struct hpy_record *record;
  unsigned long generation;
};

/* The publishing step: at once, or inside hotpatch_safepoint() in
** safe-point mode, where the reload hooks run too. */
static void revert_work(void *arg) {
  struct revert_job *job = arg;
  job->record = hpy_pop();
  hpx_reverted(job->record->path, job->record->generation);
  hpr_lock();
  restore(job->record);
  hpr_unlock();
  hpk_restore(job->record);
  job->generation = hpg_drop();
  if (hpp_at_safepoint())
    run_hooks(job->record, job->generation);
}

int hpa_revert(FILE *answer) {
  struct revert_job job = {0};
  char why[512];
  hpa_lock();
  if (hpy_depth() == 0) {
    hpa_unlock();
    fputs("error nothing to revert\n", answer);
    return -1;
  }
  int ran = hpp_run(revert_work, &job, why, sizeof why);
  hpa_unlock();
  if (ran < 0) {
    fprintf(answer, "error cannot revert: %s\n", why);
    return -1;
  }
  if (ran == 0)
    run_hooks(job.record, job.generation);
  hpy_free_record(job.record);
  fprintf(answer, "ok generation=%lu\n", job.generation);
  return 0;
}

/*
** After a fault in patched code, at the resume point (faults.c): undo every
** patch of generation `generation` and later, here and now (this thread is
** at a safe point, so waiting for one would wait for itself).  The fault
** handler already pointed the slots back; this finishes the bookkeeping and
** runs the reload hooks once per patch undone.
*/
void hpa_revert_down_to(unsigned long generation) {
  for (;;) {
    struct revert_job job = {0};
    hpa_lock();
    if (generation == 0 || hpy_depth() < generation) {
      hpa_unlock();
      return;
    }
    revert_work(&job);
    hpa_unlock();
    run_hooks(job.record, job.generation);
    hpy_free_record(job.record);
  }
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
