/*
** cmd_patch.c: `hcc patch [--pid PID] [--verbose] [--dry-run] [--json]
** [PROGRAM]` and `hcc patch --all PROGRAM`: build a patch of what changed
** since the generation the process runs and apply it, once (patch_build.c
** does the work); --dry-run says what the patch would do and applies
** nothing; --json also writes its events on stdout (patch_json.h).
**
** --all patches every running process of PROGRAM (a pre-forking server's
** workers and their parent), one after the other, each against its own
** registry: processes may be at different generations, so each gets the
** patch that brings *it* to what the files say.  Processes that run the
** same code get the same patch, compiled once (patch_share.h).  One status
** line per process; a failure in one does not stop the others.
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <time.h>

#include "hcc.h"
#include "patch_build.h"
#include "patch_share.h"
#include "process_lookup.h"
#include "util.h"

/* Every process of the program; returns 0 only when each was patched (or
** had nothing to patch), else the exit code of the first that was not. */
static int patch_all(const struct pl_args *a, struct pb_options *o) {
  struct pl_proc *procs;
  int count, rc;
  if ((rc = pl_select(NULL, a->program, 1, &procs, &count)) != 0)
    return rc;
  o->show_pid = 1;
  struct pb_shared shared = {NULL, 0, 0, 0};
  o->shared = &shared;
  int first_rc = 0, failed = 0;
  struct hu_buf pids = HU_BUF_INIT;
  for (int i = 0; i < count; i++) {
    struct pb_target t = {procs[i].pid, procs[i].socket};
    clock_gettime(CLOCK_MONOTONIC,
                  &o->t0); /* each line: its own process's time */
    rc = pb_patch(&t, o, NULL);
    if (rc == 0)
      continue;
    if (!first_rc)
      first_rc = rc;
    failed++;
    hu_buf_addf(&pids, "%s%ld", failed > 1 ? ", " : "", (long)procs[i].pid);
  }
  if (failed == count)
    hu_error("none of the %d processes of %s was patched (pid %s, see above)",
             count, a->program, pids.data);
  else if (failed)
    hu_error(
        "%d of %d processes of %s not patched (pid %s, see above); the others were",
        failed, count, a->program, pids.data);
  if (o->verbose)
    fprintf(stderr,
            "hcc: %d processes; patches built: %d, units compiled: %d\n", count,
            shared.builds, shared.compiles);
  psh_free(&shared);
  o->shared = NULL;
  hu_buf_free(&pids);
  pl_free(procs, count);
  return first_rc;
}

/* See hcc.h. */
int cmd_patch(int argc, char **argv) {
  struct pb_options o = {0, 0, {0, 0}, 0, NULL, NULL, 0, 0, "patch", NULL};
  clock_gettime(CLOCK_MONOTONIC, &o.t0);
  struct pl_args a;
  int rc = pl_parse_args("patch", argc, argv, &a);
  if (rc)
    return rc;
  o.verbose = a.verbose;
  o.dry_run = a.dry_run;
  o.json = a.json;
  if (a.all)
    return patch_all(&a, &o);
  struct pl_proc *procs;
  int count;
  if ((rc = pl_select(a.pid, a.program, 0, &procs, &count)) != 0)
    return rc;
  struct pb_target t = {procs[0].pid, procs[0].socket};
  rc = pb_patch(&t, &o, NULL);
  pl_free(procs, count);
  return rc;
}
