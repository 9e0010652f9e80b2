/*
** cmd_revert.c: `hcc revert [--pid PID] [--json] [PROGRAM]`: the process
** goes back one generation (old code stays mapped, so this only repoints
** slots).
** The per-process state of the generation it returns to is still on disk,
** so the next hcc patch rebuilds exactly what differs from it.
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control_client.h"
#include "hcc.h"
#include "json.h"
#include "process_lookup.h"
#include "util.h"

/* --json: {"event":"revert","pid":..,"result":..,"exit":..,"generation":..,
** "error":..}. */
static void print_json(const struct pl_proc *p, int rc, long long generation) {
  struct hj j = HJ_INIT;
  hj_object(&j, NULL);
  hj_str(&j, "event", "revert");
  hj_int(&j, "pid", p->pid);
  hj_str(&j, "result", rc ? "failed" : "reverted");
  hj_int(&j, "exit", rc);
  if (generation >= 0)
    hj_int(&j, "generation", generation);
  else
    hj_str(&j, "generation", NULL);
  hj_str(&j, "error", rc ? hu_last_error() : NULL);
  hj_end(&j);
  hj_print(&j, stdout);
}

/* See hcc.h. */
int cmd_revert(int argc, char **argv) {
  struct pl_targets t;
  int rc = pl_targets(&t, "revert", argc, argv, 0);
  if (rc)
    return rc;
  const struct pl_proc *p = &t.procs[0];
  char *answer;
  int err;
  long long gen = -1;
  /* Not in the middle of a patch of the same process (see pl_lock). */
  int lock = pl_lock(p->pid, p->socket);
  enum cc_status st = cc_request(p->socket, "revert", 30000, &answer, &err);
  pl_unlock(lock);
  if (st == CC_OK) {
    gen = cc_answer_number(answer, "generation");
    fprintf(stderr, "hcc: reverted to generation %lld\n", gen);
  } else if (st == CC_REFUSED) {
    char *msg = answer + 5;
    msg += strspn(msg, " ");
    msg[strcspn(msg, "\n")] = '\0';
    rc = hu_error("process %ld did not revert: %s", (long)p->pid, msg);
  } else {
    rc = pl_no_answer(p, "revert", err);
  }
  if (t.args.json)
    print_json(p, rc, gen);
  free(answer);
  pl_free(t.procs, t.count);
  return rc;
}
