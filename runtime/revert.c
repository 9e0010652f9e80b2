/*
** revert.c: undoing the newest patch (control request `revert`), finishing
** the reverts of fault handlers, and the `status` answer.
**
** A revert is only a repointing of slots: the reverted patch stays loaded
** (its code may be on a stack), and the functions and data it added stay
** registered, unused by the code that runs again.
*/
#define _GNU_SOURCE
#include "revert.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "constants.h"
#include "debugger.h"
#include "faults.h"
#include "generation.h"
#include "history.h"
#include "hotpatch.h"
#include "internal.h"
#include "journal.h"
#include "loader.h"
#include "log.h"
#include "registry.h"
#include "reload_hooks.h"
#include "safepoint.h"
#include "slots.h"

/* The pages of every slot `record` changed, made writable: with hpk_open,
** the steps of a revert that can fail, before anything changes.  0, or -1
** with errno. */
static int open_slots(const struct hpy_record *record) {
  int rc = 0;
  hpr_lock();
  for (size_t i = 0; i < record->change_count && rc == 0; i++) {
    const struct hpy_change *change = &record->changes[i];
    /* restore() writes the mirrors of libraries loaded since, too. */
    const struct hpt_entry *entry =
        change->mirror ? NULL : hpr_function_entry(change->owner, change->id);
    rc = hps_open_function(change->slot, entry ? entry->mirrors : NULL,
                           entry ? entry->mirror_count : 0);
  }
  hpr_unlock();
  return rc;
}

/* Newest change first, so a function changed twice in one record (never
** produced, but harmless) ends at its oldest value. */
static void restore(const struct hpy_record *record) {
  for (size_t i = record->change_count; i-- > 0;) {
    const struct hpy_change *change = &record->changes[i];
    hps_publish(change->slot, change->previous_impl);
    struct hpt_entry *entry = hpr_function_entry(change->owner, change->id);
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
    hdg_notify(HOTPATCH_DEBUG_REVERT, generation, record->path, ids, count);
    hph_run_reload_hooks(generation, ids, count);
  } else {
    hdg_notify(HOTPATCH_DEBUG_REVERT, generation, record->path, NULL, 0);
    hph_run_reload_hooks(generation, NULL, 0);
  }
  free(ids);
}

struct revert_job {
  enum hpj_state how;        /* why: a request, or a fault          */
  struct hpy_record *record; /* popped; NULL when the revert failed */
  unsigned long generation;
  int error;          /* errno of the failure                 */
  const char *failed; /* what could not be made writable      */
};

/* The publishing step: at once, or inside hotpatch_safepoint() in
** safe-point mode. */
static void revert_work(void *arg) {
  struct revert_job *job = arg;
  const struct hpy_record *newest = hpy_at(hpy_depth() - 1);
  if (open_slots(newest) != 0) {
    job->error = errno;
    job->failed = "the function slots";
    return;
  }
  if (hpk_open(newest) != 0) { /* the constants it wrote, likewise */
    job->error = errno;
    job->failed = "the constants it changed";
    hps_close();
    return;
  }
  job->record = hpy_pop();
  hpj_reverted(job->record->journal, job->how);
  hpx_reverted(job->record->path, job->record->generation);
  hpr_lock();
  restore(job->record);
  hpr_unlock();
  hps_close();
  hpk_restore(job->record);
  hpk_close();
  job->generation = hpg_drop_to(job->record->generation - 1);
}

/* After the loader mutex is released (hpp_finish). */
static void revert_hooks(void *arg) {
  struct revert_job *job = arg;
  if (job->record) /* NULL: the revert was refused, nothing changed */
    run_hooks(job->record, job->generation);
}

static void finish(struct revert_job *job) {
  run_hooks(job->record, job->generation);
  hpy_free_record(job->record);
}

int hpa_revert(FILE *answer) {
  struct revert_job job = {.how = HPJ_REVERTED};
  char why[512];
  hpa_lock_settled();
  if (hpy_depth() == 0) {
    hpa_unlock();
    fputs("error nothing to revert\n", answer);
    return -1;
  }
  int ran = hpp_run(revert_work, revert_hooks, &job, why, sizeof why);
  hpa_unlock();
  hpp_finish(ran, revert_hooks, &job); /* no lock held: a hook may fork */
  if (ran < 0) {
    fprintf(answer, "error cannot revert: %s\n", why);
    return -1;
  }
  if (!job.record) {
    fprintf(answer,
            "error cannot revert: cannot make %s writable: %s; "
            "nothing was changed\n",
            job.failed, strerror(job.error));
    return -1;
  }
  hpy_free_record(job.record);
  fprintf(answer, "ok generation=%lu\n", job.generation);
  return 0;
}

/*
** Finish every revert a fault handler began (faults.c), here and now,
** under the loader mutex, reload hooks included (this may be a thread at
** its resume point, so waiting for a safe point would wait for itself).
** The handler pointed the slots back already, or could not: restore()
** writes them either way.
*/
void hpa_lock_settled(void) {
  hpa_lock();
  unsigned long generation;
  while ((generation = hpx_take_reverted()) != 0)
    while (hpy_depth() >= generation) {
      struct revert_job job = {.how = HPJ_REVERTED_FAULT};
      revert_work(&job);
      if (!job.record) {
        hpl_warning("cannot revert generation %zu after a fault in it: "
                    "cannot make %s writable: %s",
                    hpy_depth(), job.failed, strerror(job.error));
        break;
      }
      finish(&job);
    }
}

/*
** After the jump to a resume point (faults.c), in normal context: finish
** the revert (history, hashes, generation, reload hooks) and unblock the
** signal, which stayed blocked because the jump left the handler without
** restoring the mask.
*/
HP_API void hotpatch_resumed(void) {
  int sig = hpx_resumed_signal();
  hpa_lock_settled();
  hpa_unlock();
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  pthread_sigmask(SIG_UNBLOCK, &set, NULL);
  fprintf(stderr, "hotpatch: resumed at the resume point; generation %lu\n",
          hotpatch_generation());
}

void hpa_history(FILE *answer) {
  hpa_lock_settled();
  hpj_write(answer);
  hpa_unlock();
}

void hpa_status(FILE *answer) {
  hpa_lock_settled();
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
