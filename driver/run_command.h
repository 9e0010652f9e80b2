/*
** run_command.h: the one way hcc runs another program: start, wait,
** capture, decode (git's run-command.c is the model).
**
** A child starts with an empty signal mask (hcc run blocks the signals it
** reads through a signalfd) and stdio flushed before the fork.  What keeps
** it from starting (no such program, no such directory, an output file
** that cannot be created) is reported to the parent, so that callers say
** it in their own words: rcmd_start fails with errno and `failed` set.
*/
#ifndef HCC_RUN_COMMAND_H
#define HCC_RUN_COMMAND_H

#include <sys/types.h>

/* The step a child could not take. */
enum rcmd_step { RCMD_OK, RCMD_FORK, RCMD_OUTPUT, RCMD_DIR, RCMD_EXEC };

struct rcmd {
  char *const *argv;  /* argv[0] is searched in PATH without a '/'    */
  const char *dir;    /* run in this directory; NULL: ours            */
  const char *output; /* stdout and stderr into this file (created,   */
                      /* truncated), stdin from /dev/null; NULL: ours */
  int capture;        /* stdout into a pipe, read by rcmd_capture     */
  /* Called in the forked child instead of exec when not NULL: runs the
  ** program in-process and returns its exit status (resident.h). */
  int (*in_process)(int argc, const char **argv);
  /* set by rcmd_start */
  pid_t pid;
  int out_fd;            /* capture: the read end                        */
  int done_fd;           /* in_process: the status pipe's read end       */
  int bare;              /* the child holds no descriptor of ours (a     */
                         /* standby's, standby.h)                        */
  enum rcmd_step failed; /* what kept it from starting                   */
};

/* Start c.  0, or -1 with errno and c->failed set (nothing is left
** running). */
int rcmd_start(struct rcmd *c);

/* Wait for a started child.  Its exit status (rcmd_status), or -1 with
** errno set.  An in_process child's status is read from a pipe it writes
** before it exits, and the child is reaped by a later rcmd_start: what it
** wrote is complete, what it still held (descriptors, memory) is released
** a moment later. */
int rcmd_finish(struct rcmd *c);

/* Wait until every in_process child rcmd_finish left exiting that shares
** its parent's descriptors (a lock, a connection) is gone: call this before
** handing those back.  With `all`, also the others (standby.h). */
void rcmd_reap_exiting(int all);

/* rcmd_start then rcmd_finish: the exit status, or -1 with errno set. */
int rcmd_run(struct rcmd *c);

/* Run argv and return its standard output, NUL-terminated; *status gets
** its exit status.  NULL with errno set when it could not start. */
char *rcmd_capture(char *const argv[], int *status);

/* A waitpid status as an exit code: the exit status, or 128+N for a
** child killed by signal N. */
int rcmd_status(int wait_status);

/* --- for standby.h, which runs children forked ahead of need --- */

/* What a child reports through `report` (below): RCMD_OK once an
** in-process program starts, else the step it could not take and errno. */
struct rcmd_report {
  int step; /* enum rcmd_step */
  int err;
};

/* In a forked child: set up what c asks for, then become the program (or
** run it, in_process, and write its status to `done`); never returns.
** `capture` is the pipe for c->capture, or -1. */
__attribute__((noreturn)) void rcmd_child(const struct rcmd *c, int report,
                                          int capture, int done);

/* Reap `pid`, a child that is exiting or about to and holds no descriptor
** of ours, at a later start (now if too many wait). */
void rcmd_reap_later(pid_t pid);

#endif /* HCC_RUN_COMMAND_H */
