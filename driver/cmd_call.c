/*
** cmd_call.c: `hcc call [--pid PID | PROGRAM] FUNCTION [ARGS...]`: call a
** function of a running process with typed arguments and print its value.
**
** The process does the work (runtime/call.c): it finds FUNCTION, parses
** ARGS by the C signature the plugin recorded, and calls the code the
** function's slot holds now through libffi.  hcc picks the process,
** %-encodes the words into one `call` request (hotpatch_control.h) and
** prints the answer's value on stdout, or the refusal.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "control_client.h"
#include "hcc.h"
#include "hotpatch_control.h"
#include "process_lookup.h"
#include "util.h"

struct call_args {
  const char *pid;
  const char *program;
  char **words; /* FUNCTION then ARGS */
  int count;
};

/* An operand before FUNCTION names the program when it is an executable
** file (a function name, even FILE:NAME of a static one, is none). */
static int is_program(const char *operand) {
  struct stat st;
  return stat(operand, &st) == 0 && S_ISREG(st.st_mode) &&
         access(operand, X_OK) == 0;
}

static int parse(int argc, char **argv, struct call_args *a) {
  memset(a, 0, sizeof *a);
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (!strcmp(argv[i], "--")) {
      i++;
      break;
    } else if (!strcmp(argv[i], "--pid")) {
      if (i + 1 >= argc) {
        hu_error("hcc call: --pid needs a process id (see 'hcc --help')");
        return HCC_EXIT_USAGE;
      }
      a->pid = argv[++i];
    } else if (!strncmp(argv[i], "--pid=", 6)) {
      a->pid = argv[i] + 6;
    } else {
      hu_error(
          "hcc call: unknown option '%s' (usage: hcc call [--pid PID | PROGRAM] FUNCTION "
          "[ARGS...])",
          argv[i]);
      return HCC_EXIT_USAGE;
    }
  }
  if (!a->pid && argc - i >= 2 && is_program(argv[i]))
    a->program = argv[i++];
  if (i >= argc) {
    hu_error(
        "hcc call: no FUNCTION (usage: hcc call [--pid PID | PROGRAM] FUNCTION [ARGS...])");
    return HCC_EXIT_USAGE;
  }
  a->words = argv + i;
  a->count = argc - i;
  return 0;
}

/* "call" and the words, each %-encoded as hotpatch_control.h says; NULL
** when the request would be too long. */
static char *request(const struct call_args *a) {
  struct hu_buf b = HU_BUF_INIT;
  hu_buf_adds(&b, "call");
  for (int i = 0; i < a->count; i++) {
    hu_buf_addc(&b, ' ');
    hu_buf_add_percent(&b, a->words[i], "");
  }
  if (b.len >= HOTPATCH_CONTROL_MAX_REQUEST) {
    hu_buf_free(&b);
    return NULL;
  }
  return hu_buf_detach(&b);
}

/* Whether the process ends within a few seconds of closing the connection
** without an answer: a crash in the function called takes it down while
** the kernel closes its descriptors.  pidfd: no polling of /proc. */
static int died(pid_t pid) {
  int fd = (int)syscall(SYS_pidfd_open, pid, 0);
  if (fd < 0)
    return !pl_alive(pid);
  struct pollfd p = {.fd = fd, .events = POLLIN};
  int rc;
  do
    rc = poll(&p, 1, 5000);
  while (rc < 0 && errno == EINTR);
  close(fd);
  return rc > 0;
}

static int call(const struct pl_proc *p, const struct call_args *a) {
  char *line = request(a);
  if (!line)
    return hu_error(
        "hcc call: the call of '%s' is longer than %d bytes once encoded",
        a->words[0], HOTPATCH_CONTROL_MAX_REQUEST - 1);
  char *answer;
  int err, rc = HCC_EXIT_OK;
  /* No time limit: the function may take as long as it takes. */
  enum cc_status st = cc_request(p->socket, line, 0, &answer, &err);
  if (st == CC_OK) {
    printf("%s", answer + 3);
  } else if (st == CC_REFUSED) {
    char *why = answer + 5 + strspn(answer + 5, " ");
    rc = hu_error("process %ld: %s", (long)p->pid, strtok(why, "\n"));
  } else if (st == CC_BROKEN && died(p->pid)) {
    hu_error(
        "process %ld died during the call of '%s': the fault was the program's, "
        "handled as it handles its faults (its stderr says more)",
        (long)p->pid, a->words[0]);
    rc = HCC_EXIT_NO_PROCESS;
  } else {
    rc = pl_no_answer(p, "call", err);
  }
  free(answer);
  free(line);
  return rc;
}

/* See hcc.h. */
int cmd_call(int argc, char **argv) {
  struct call_args a;
  int rc = parse(argc, argv, &a);
  if (rc)
    return rc;
  struct pl_proc *procs;
  int count;
  rc = pl_select(a.pid, a.program, 0, &procs, &count);
  if (rc)
    return rc;
  rc = call(&procs[0], &a);
  fflush(stdout);
  pl_free(procs, count);
  return rc;
}
