/*
** cmd_status.c: `hcc status [--pid PID] [--verbose] [PROGRAM]`: one line per
** process (one, or every live socket of the user):
**
**   <pid> generation=<n> modules=<n> functions=<n> <executable>
**
** and with --verbose the applied patches under it ("  patch <gen> <path>").
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control_client.h"
#include "hcc.h"
#include "process_lookup.h"
#include "util.h"

static int show(const struct pl_proc *p, int verbose) {
  char *answer;
  int err;
  enum cc_status st = cc_request(p->socket, "status", 10000, &answer, &err);
  int rc = 0;
  if (st == CC_OK) {
    char *exe = pl_exe(p->pid);
    const char *first = answer + 2;
    first += strspn(first, " ");
    int len = (int)strcspn(first, "\n");
    printf("%ld %.*s %s\n", (long)p->pid, len, first, exe ? exe : "?");
    free(exe);
    if (verbose)
      for (const char *line = strchr(answer, '\n'); line && line[1]; line = strchr(line + 1, '\n'))
        printf("  %.*s\n", (int)strcspn(line + 1, "\n"), line + 1);
  } else if (st == CC_REFUSED) {
    rc = hu_error("process %ld: %s", (long)p->pid, strtok(answer, "\n"));
  } else {
    rc = pl_no_answer(p, "status", err);
  }
  free(answer);
  return rc;
}

/* See hcc.h. */
int cmd_status(int argc, char **argv) {
  struct pl_targets t;
  int rc = pl_targets(&t, "status", argc, argv, 1);
  if (rc) return rc;
  for (int i = 0; i < t.count; i++) {
    int r = show(&t.procs[i], t.args.verbose);
    if (r && !rc) rc = r;
  }
  fflush(stdout);
  pl_free(t.procs, t.count);
  return rc;
}
