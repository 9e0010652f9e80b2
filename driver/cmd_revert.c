/*
** cmd_revert.c: `hcc revert [--pid PID] [PROGRAM]`: the process goes back
** one generation (old code stays mapped, so this only repoints slots).
** The per-process state of the generation it returns to is still on disk,
** so the next hcc patch rebuilds exactly what differs from it.
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control_client.h"
#include "hcc.h"
#include "process_lookup.h"
#include "util.h"

/* See hcc.h. */
int cmd_revert(int argc, char **argv) {
  struct pl_args a;
  int rc = pl_parse_args("revert", argc, argv, &a);
  if (rc) return rc;
  struct pl_proc *procs;
  int count;
  if ((rc = pl_select(a.pid, a.program, 0, &procs, &count)) != 0) return rc;
  char *answer;
  int err;
  /* Not in the middle of a patch of the same process (see pl_lock). */
  int lock = pl_lock(procs[0].pid, procs[0].socket);
  enum cc_status st = cc_request(procs[0].socket, "revert", 30000, &answer, &err);
  pl_unlock(lock);
  if (st == CC_OK) {
    long long gen = cc_answer_number(answer, "generation");
    fprintf(stderr, "hcc: reverted to generation %lld\n", gen);
  } else if (st == CC_REFUSED) {
    char *msg = answer + 5;
    msg += strspn(msg, " ");
    msg[strcspn(msg, "\n")] = '\0';
    rc = hu_error("process %ld did not revert: %s", (long)procs[0].pid, msg);
  } else if (!pl_alive(procs[0].pid)) {
    hu_error("process %ld exited", (long)procs[0].pid);
    rc = HCC_EXIT_NO_PROCESS;
  } else {
    rc = hu_error("process %ld gave no valid answer to 'revert' on %s: %s", (long)procs[0].pid,
                  procs[0].socket, strerror(err));
  }
  free(answer);
  pl_free(procs, count);
  return rc;
}
