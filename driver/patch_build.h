/*
** patch_build.h: one patch of a running process, start to end, shared by
** `hcc patch` and `hcc run`:
**
**   hello -> registry (the baseline) -> the program's build-id and build
**   database -> the per-process state (tu_state.h) -> dirty translation
**   units -> patch compiles in parallel -> the hotpatch_patch summaries ->
**   link patch.so -> apply -> state of the new generation + status line
**
** The files it keeps are listed in patch_files.h.
*/
#ifndef HCC_PATCH_BUILD_H
#define HCC_PATCH_BUILD_H

#include <sys/types.h>
#include <time.h>

#include "util.h"

struct pb_target {
  pid_t pid;
  const char *socket;
};

struct pb_options {
  int verbose;          /* also list each module's changed/new/new-data   */
  int quiet_when_clean; /* print nothing when no file changed (hcc run)   */
  struct timespec t0;   /* CLOCK_MONOTONIC: the reported time starts here */
  int show_pid;         /* "hcc: process PID: patched ..." (hcc patch --all) */
  /* Asked when the compiles are done and before apply, if not NULL: a
  ** true answer drops the attempt silently, pb_patch returns
  ** PB_SUPERSEDED (hcc run: the files changed again meanwhile). */
  int (*superseded)(void *ctx);
  void *superseded_ctx;
  /* Compile as a patch would, then report what it would do (why each unit
  ** is recompiled, the functions it changes, adds and removes) instead of
  ** linking and applying; the saved state is left as it was, so the next
  ** real patch still sees the edit.  Exit codes as a real patch's. */
  int dry_run;
  /* Also write the events of the patch as JSON lines on stdout
  ** (patch_json.h). */
  int json;
  /* The command applying it, "patch" or "run", for the process's history
  ** (history.h). */
  const char *by;
  /* hcc patch --all: the patches built so far, shared by the processes
  ** that run the same code (patch_share.h); NULL otherwise. */
  struct pb_shared *shared;
};

/* pb_patch's answer when o->superseded said so: nothing was applied or
** printed, and the state still has the files dirty. */
#define PB_SUPERSEDED (-2)

/* Build and apply one patch.  Prints compiler diagnostics verbatim and
** exactly one final line to stderr: the status line, "hcc: no functional
** change", or an error (unless quiet_when_clean and nothing changed).
** Returns the exit code (HCC_EXIT_*).  Holds the process's patch lock
** (pl_lock) from hello to the end, so patches of one process by several
** hcc commands run one after the other.  When `files` is not NULL, appends
** every source and dependency file of the process's units as known after
** the attempt (for hcc run's watch list). */
int pb_patch(const struct pb_target *t, const struct pb_options *o,
             struct hu_vec *files);

/* Get ready to build patches: load the resident toolchain (resident.h)
** now, not at the first patch; hcc run calls it while it waits for a
** save.  Returns an exit code (a wrong HOTPATCH_RESIDENT is an error). */
int pb_prepare(int verbose);

/* Only the files, as pb_patch would append them.  Returns an exit code. */
int pb_files(const struct pb_target *t, struct hu_vec *files);

#endif /* HCC_PATCH_BUILD_H */
