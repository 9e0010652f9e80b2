/*
** patch_session.h: hcc's side of one patch of a running process: the
** control requests it sends (hello, registry, apply; hotpatch_control.h)
** and what it learns from them and from the program's build database.
*/
#ifndef HCC_PATCH_SESSION_H
#define HCC_PATCH_SESSION_H

#include <time.h>

#include "control_client.h"
#include "history.h"
#include "patch_build.h"
#include "program_db.h"
#include "tu_state.h"
#include "util.h"

struct ps_session {
  const struct pb_target *t;
  const struct pb_options *o;
  long long ticks;      /* process start time: identity with the pid */
  long long generation; /* what the process runs now                 */
  long long control;    /* its control version (-1: before 2)        */
  char *registry;       /* the baseline: registry answer sans "ok"   */
  struct hu_vec module_ids;
  struct pd_program prog;
  char *live_dir;        /* <db>/live/<pid>-<ticks>                   */
  struct ts_state state; /* of `generation` (patch_files.h)           */
  int said_hello;
  /* CLOCK_MONOTONIC at the stage boundaries, for --verbose */
  struct timespec compile_start, compile_end, link_end;
  int resident;           /* compiles and links run in-process         */
  unsigned standby_jobs;  /* of them, run by standby children         */
  unsigned mimalloc_jobs; /* of those, in standbys allocating with mimalloc */
  /* for --json (patch_json.h) */
  const char *outcome; /* "applied", "no-change" or "dry-run" (exit 0) */
  int changes;         /* units whose patch changes anything        */
  int reported;        /* the patch event was written               */
  int compiles;        /* units compiled for this process's patch   */
  pid_t shared_from;   /* hcc patch --all: the process whose patch
                       ** it got instead of compiling (patch_share.h);
                       ** 0 when none                               */
};

/* hello, registry, the program and its build database, the state of the
** running generation.  Returns 0 or an exit code (message printed); call
** ps_close either way. */
int ps_open(struct ps_session *s, const struct pb_target *t,
            const struct pb_options *o);
void ps_close(struct ps_session *s);

/* Ask the process to apply `so`, described by `about` (for its history:
** pr_about).  0 with s->generation the new one, or an exit code
** after a message (refused, or no answer). */
int ps_apply(struct ps_session *s, const char *so,
             const struct hh_about *about);

#endif /* HCC_PATCH_SESSION_H */
