/*
** cmd_patch.c: `hcc patch [--pid PID] [--verbose] [PROGRAM]`: build a patch
** of what changed since the generation the process runs and apply it,
** once (patch_build.c does the work).
*/
#define _GNU_SOURCE
#include <time.h>

#include "hcc.h"
#include "patch_build.h"
#include "process_lookup.h"
#include "util.h"

/* See hcc.h. */
int cmd_patch(int argc, char **argv) {
  struct pb_options o = {0, 0, {0, 0}};
  clock_gettime(CLOCK_MONOTONIC, &o.t0);
  struct pl_args a;
  int rc = pl_parse_args("patch", argc, argv, &a);
  if (rc) return rc;
  o.verbose = a.verbose;
  struct pl_proc *procs;
  int count;
  if ((rc = pl_select(a.pid, a.program, 0, &procs, &count)) != 0) return rc;
  struct pb_target t = {procs[0].pid, procs[0].socket};
  rc = pb_patch(&t, &o, NULL);
  pl_free(procs, count);
  return rc;
}
