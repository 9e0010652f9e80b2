/*
** patch_build.c: one patch of a running process, top-down (overview in
** patch_build.h).  Each step is in the file named after its job:
**
**   patch_session.c  the control requests: hello, registry, apply
**   patch_files.c    the live states and attempt directories
**   patch_jobs.c     the patch compiles, in parallel
**   patch_link.c     linking patch.so
**   patch_report.c   what is printed about the patch
**   patch_share.c    hcc patch --all: one patch per group of processes
*/
#define _GNU_SOURCE
#include "patch_build.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "patch_files.h"
#include "patch_jobs.h"
#include "patch_json.h"
#include "patch_link.h"
#include "patch_report.h"
#include "patch_session.h"
#include "patch_share.h"
#include "process_lookup.h"
#include "resident.h"
#include "run_command.h"
#include "standby.h"

static int superseded(const struct ps_session *s) {
  return s->o->superseded && s->o->superseded(s->o->superseded_ctx);
}

/* The state after the compiles: the old one with every compiled unit
** replaced by what its compile read. */
static void record_units(struct ps_session *s, struct pj_job *jobs, int n) {
  for (int i = 0; i < n; i++) {
    struct ts_tu copy = jobs[i].after;
    memset(&jobs[i].after, 0, sizeof jobs[i].after);
    ts_put(&s->state, &copy);
  }
}

/* The objects of the jobs whose patch changes anything. */
static void changed_objects(const struct pj_job *jobs, int n,
                            struct hu_vec *objects) {
  for (int i = 0; i < n; i++)
    if (pi_changes(&jobs[i].patch))
      hu_vec_push(objects, jobs[i].object);
}

/* One patch, from the dirty units to the applied patch.so, in attempt
** directory `dir`.  With `key` (hcc patch --all), a patch applied or found
** to change nothing is kept for the other processes of group `key`, which
** is moved in.  Returns the exit code, or PB_SUPERSEDED. */
static int build_and_apply(struct ps_session *s, const struct hp_paths *paths,
                           const char *dir, char *key) {
  char *baseline = hu_xasprintf("%s/baseline.txt", dir);
  char *so = hu_xasprintf("%s/patch.so", dir);
  struct hu_vec objects = HU_VEC_INIT;
  struct pj_job *jobs = NULL;
  struct hh_about about;
  int n = 0, rc = 0, changes;
  /* 1. compile every dirty unit against the process's registry */
  if (hu_write_file_atomic(baseline, s->registry, strlen(s->registry)) != 0) {
    rc = hu_error("cannot write %s: %s", baseline, strerror(errno));
    goto out;
  }
  n = pj_plan(s, dir, baseline, paths, &jobs);
  if (n < 0) { /* -(count)-1: a unit cannot be rebuilt */
    n = -n - 1;
    rc = HCC_EXIT_FAIL;
    goto out;
  }
  if (s->o->dry_run)
    pr_dirty_units(s, jobs, n);
  if (s->o->json)
    pjs_build(s, jobs, n);
  clock_gettime(CLOCK_MONOTONIC, &s->compile_start);
  unsigned standby_jobs = sb_taken(), mimalloc_jobs = sb_taken_mimalloc();
  pj_run(jobs, n);
  s->compiles = n;
  if (s->o->shared) {
    s->o->shared->builds++;
    s->o->shared->compiles += n;
  }
  if (superseded(s)) {
    rc = PB_SUPERSEDED;
    goto out;
  }
  /* 2. what the patch objects contain */
  if (pj_read_summaries(jobs, n) != 0) {
    rc = HCC_EXIT_FAIL;
    goto out;
  }
  pj_show(s, jobs, n);
  if ((rc = pr_compile_failures(s, jobs, n)) != 0)
    goto out;
  changes = s->changes = pj_read(jobs, n);
  clock_gettime(CLOCK_MONOTONIC, &s->compile_end);
  if (s->o->dry_run) { /* the state stays as it was: the edit is still new */
    pr_dry_run(s, jobs, n, changes);
    s->outcome = "dry-run";
    goto out;
  }
  if (!changes) { /* the process already runs code equal to these sources */
    s->outcome = "no-change";
    record_units(s, jobs, n);
    pf_save_state(s, s->generation);
    if (s->o->verbose)
      pr_contents(jobs, n);
    pr_no_change(s);
    goto out;
  }
  /* 3. link */
  changed_objects(jobs, n, &objects);
  if ((rc = plk_link(s->prog.db_dir, paths->libdir, dir, &objects, so)) != 0)
    goto out;
  clock_gettime(CLOCK_MONOTONIC, &s->link_end);
  s->standby_jobs = sb_taken() - standby_jobs;
  s->mimalloc_jobs = sb_taken_mimalloc() - mimalloc_jobs;
  if (superseded(s)) {
    rc = PB_SUPERSEDED;
    goto out;
  }
  /* 4. apply, then remember what the new generation runs */
  pr_about(s, jobs, n, &about);
  rc = ps_apply(s, so, &about);
  hu_vec_free(&about.files);
  if (rc != 0)
    goto out;
  s->outcome = "applied";
  if (s->o->verbose)
    pr_stages(s, jobs, n);
  record_units(s, jobs, n);
  pf_save_state(s, s->generation);
  if (s->o->verbose)
    pr_contents(jobs, n);
  pr_applied(s, jobs, n);
out:
  if (s->o->json && rc != PB_SUPERSEDED)
    pjs_result(s, jobs, n, rc);
  if (rc != PB_SUPERSEDED)
    pj_keep_preambles(s, jobs, n);
  if (key && rc == 0 && strcmp(s->outcome, "dry-run") != 0) {
    psh_keep(s->o->shared, key, s, !strcmp(s->outcome, "applied") ? so : NULL,
             jobs, n);
    key = NULL;
    jobs = NULL;
    n = 0;
  }
  free(key);
  pj_free(jobs, n);
  hu_vec_free(&objects);
  free(baseline);
  free(so);
  return rc;
}

/* A patch of an open session: nothing when no unit is dirty; with
** hcc patch --all, the patch of the session's group when one was built. */
static int patch(struct ps_session *s, const struct hp_paths *paths) {
  char *key = s->o->shared ? psh_key(s) : NULL;
  const struct psh_patch *built = key ? psh_find(s->o->shared, key) : NULL;
  int rc = built ? psh_apply(s, built) : PSH_OWN;
  if (rc != PSH_OWN) {
    free(key);
    return rc;
  }
  if (!pj_any_dirty(s)) {
    free(key);
    s->outcome = "no-change";
    if (!s->o->quiet_when_clean)
      pr_no_change(s);
    else
      s->reported = 1; /* nothing to say, in either form */
    return HCC_EXIT_OK;
  }
  s->resident = rs_load(paths, hp_clang(), 0, s->o->verbose);
  char *dir = s->resident < 0 ? NULL : pf_attempt_dir(s);
  if (!dir) {
    free(key);
    return HCC_EXIT_FAIL;
  }
  rc = build_and_apply(s, paths, dir, key);
  free(dir);
  return rc;
}

/* See patch_build.h. */
int pb_patch(const struct pb_target *t, const struct pb_options *o,
             struct hu_vec *files) {
  struct hp_paths paths;
  if (hp_paths_find(&paths, HP_NEED_HEADER | HP_NEED_PLUGIN))
    return HCC_EXIT_FAIL;
  rs_start(&paths, hp_clang(), 0); /* overlaps the work before the compiles */
  int lock = pl_lock(t->pid, t->socket);
  struct ps_session s;
  hu_forget_error(); /* the reason of this patch's failure, if any */
  int rc = ps_open(&s, t, o);
  if (rc == 0)
    rc = patch(&s, &paths);
  if (o->json && !s.reported && rc != PB_SUPERSEDED)
    pjs_result(&s, NULL, 0, rc);
  hp_paths_free(&paths);
  if (files)
    ts_all_files(&s.state, files);
  /* The patch is reported; the compile and link children still exiting
  ** hold copies of the connection and of the lock. */
  rcmd_reap_exiting(0);
  ps_close(&s);
  pl_unlock(lock);
  rs_finish(); /* a patch with nothing to compile never waited for it */
  return rc;
}

/* See patch_build.h. */
int pb_prepare(int verbose) {
  struct hp_paths paths;
  if (hp_paths_find(&paths, HP_NEED_PLUGIN))
    return HCC_EXIT_FAIL;
  int rc =
      rs_load(&paths, hp_clang(), 1, verbose) < 0 ? HCC_EXIT_FAIL : HCC_EXIT_OK;
  hp_paths_free(&paths);
  return rc;
}

/* See patch_build.h. */
int pb_files(const struct pb_target *t, struct hu_vec *files) {
  struct pb_options o;
  memset(&o, 0, sizeof o);
  struct ps_session s;
  int rc = ps_open(&s, t, &o);
  if (rc == 0)
    ts_all_files(&s.state, files);
  ps_close(&s);
  return rc;
}
