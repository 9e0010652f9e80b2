/*
** patch_jobs.h: the patch compiles of one attempt, one job per dirty
** translation unit, run in parallel (at most one per processor).
**
** A job's files are <attempt>/<n>.o, .d, .out (compiler output) and
** .refused (the plugin's refusals, hotpatch_abi.h).
*/
#ifndef HCC_PATCH_JOBS_H
#define HCC_PATCH_JOBS_H

#include <time.h>

#include "patch_info.h"
#include "patch_session.h"
#include "paths.h"

struct pj_job {
  const struct pd_compile *rec;
  struct ts_tu snap;  /* hashes just before the compile            */
  char *reason;       /* the file that made the unit dirty; NULL:
                      ** the state lists none of its files        */
  struct ts_tu after; /* the unit as this compile built it         */
  struct timespec start;
  char *object, *depfile, *output, *refusals, *closures;
  struct hu_vec argv;
  struct hu_vec retry_argv; /* the compile again, keeping no unaffected
                            ** functions; empty for gcc's           */
  char *retried;            /* it ran again, because the plugin asked:
                            ** the plugin's reason; NULL: it did not    */
  int status;               /* exit status; -1 not run                   */
  int refused;              /* the plugin refused a change               */
  struct pi_patch patch;    /* what the object contains (pj_read_summaries) */
};

/* Decides which units of the session's state are dirty (ts_decide, into
** each unit's `dirty`, which pj_plan then reads); 1 when some is. */
int pj_any_dirty(struct ps_session *s);

/* Set up the jobs of the dirty units in attempt directory `dir`.  Returns
** the count; -(count)-1 when a unit cannot be rebuilt (message printed). */
int pj_plan(const struct ps_session *s, const char *dir, const char *baseline,
            const struct hp_paths *paths, struct pj_job **out);

/* Run every job, at most nproc at a time; then once more, with its
** retry_argv, each job whose plugin refused with kind "retry" (a function
** kept as the build made it may rely on an attribute that changed:
** plugin/Closures.cpp). */
void pj_run(struct pj_job *jobs, int n);

/* Read the patch summary of every job that compiled.  Returns 0, or -1
** after an error naming the object. */
int pj_read_summaries(struct pj_job *jobs, int n);

/* Show the jobs' compiler output in order (all of it with --verbose, else
** the errors, the warnings inside the changed and new functions and a
** count of the others: diag_filter.h), and note which ones the plugin
** refused. */
void pj_show(const struct ps_session *s, struct pj_job *jobs, int n);

/* After a patch (hcc run): keep a precompiled preamble of each unit that
** was compiled, for its next compile (resident.h, rs_keep_preamble); with
** --verbose, say for which. */
void pj_keep_preambles(const struct ps_session *s, const struct pj_job *jobs,
                       int n);

/* After they all compiled: each job's unit as compiled.  Returns the
** number of jobs whose patch changes anything. */
int pj_read(struct pj_job *jobs, int n);

void pj_free(struct pj_job *jobs, int n);

#endif /* HCC_PATCH_JOBS_H */
