/*
** run_command.c: starting, waiting for and capturing children (see
** run_command.h).
**
** The child tells the parent why it could not start through a pipe that
** exec closes (O_CLOEXEC): the parent reads either nothing (the program
** runs) or the failed step and errno, then reaps the child.  An in-process
** program, which execs nothing, writes RCMD_OK there when it starts.  An
** in-process job with an output file goes to a standby child when there is
** one (standby.h), which reports the same way on its socket.
*/
#define _GNU_SOURCE
#include "run_command.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "standby.h"
#include "util.h"

/*
** In-process children that told their status and are still exiting.  The
** kernel tears down a forked child's copy of the parent (the resident
** compiler: about 90 MB mapped) before the parent's waitpid returns: 3 ms
** after a compile, 1.5 after a link, on the path of every patch.  Their
** status comes through a pipe instead, and they are reaped at the next
** start, by then long gone, or by rcmd_reap_exiting.
*/
static struct exiting {
  pid_t pid;
  int holds; /* copies of our descriptors (not a standby's child) */
} exiting[8];

enum reap_which { REAP_GONE, REAP_HOLDERS, REAP_ALL };

/* Reaps the children in `exiting` that are gone, and waits for those
** `which` says. */
static void reap(enum reap_which which) {
  for (size_t i = 0; i < sizeof exiting / sizeof *exiting; i++) {
    struct exiting *e = &exiting[i];
    int wait = which == REAP_ALL || (which == REAP_HOLDERS && e->holds);
    if (e->pid > 0 && waitpid(e->pid, NULL, wait ? 0 : WNOHANG) != 0)
      e->pid = 0;
  }
}

/* See run_command.h. */
void rcmd_reap_exiting(int all) {
  reap(all ? REAP_ALL : REAP_HOLDERS);
}

/* 0 if pid is now reaped later; -1 if there is no room (reap it now). */
static int remember_exiting(pid_t pid, int holds) {
  for (size_t i = 0; i < sizeof exiting / sizeof *exiting; i++)
    if (exiting[i].pid <= 0) {
      exiting[i] = (struct exiting){pid, holds};
      return 0;
    }
  return -1;
}

/* See run_command.h. */
void rcmd_reap_later(pid_t pid) {
  if (remember_exiting(pid, 0) != 0)
    waitpid(pid, NULL, 0);
}

static void close_pair(int fds[2]) {
  for (int i = 0; i < 2; i++)
    if (fds[i] >= 0)
      close(fds[i]);
}

/* In the child: report the step that failed and end. */
__attribute__((noreturn)) static void child_fail(int report,
                                                 enum rcmd_step step) {
  struct rcmd_report e = {step, errno};
  ssize_t n = write(report, &e, sizeof e);
  (void)n;
  _exit(127);
}

/* See run_command.h. */
void rcmd_child(const struct rcmd *c, int report, int capture, int done) {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  if (c->output) {
    int fd = open(c->output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || devnull < 0)
      child_fail(report, RCMD_OUTPUT);
    dup2(fd, 1);
    dup2(fd, 2);
    dup2(devnull, 0);
  }
  if (capture >= 0)
    dup2(capture, 1);
  if (c->dir && chdir(c->dir) != 0)
    child_fail(report, RCMD_DIR);
  if (c->in_process) {
    struct rcmd_report started = {RCMD_OK, 0};
    ssize_t sent = write(report, &started, sizeof started);
    (void)sent;
    if (report != done)
      close(report);
    int argc = 0;
    while (c->argv[argc])
      argc++;
    int status = c->in_process(argc, (const char **)c->argv) & 0xff;
    ssize_t n = write(done, &status, sizeof status);
    (void)n;
    sb_after_job(); /* the parent has the status: no one waits for this */
    _exit(status);
  }
  execvp(c->argv[0], c->argv);
  child_fail(report, RCMD_EXEC);
}

/* See run_command.h. */
int rcmd_start(struct rcmd *c) {
  int report[2], out[2] = {-1, -1}, done[2] = {-1, -1};
  reap(REAP_GONE);
  c->pid = -1;
  c->bare = 0;
  c->out_fd = -1;
  c->done_fd = -1;
  c->failed = RCMD_FORK;
  if (c->in_process && c->output && !c->capture) {
    int taken = sb_start(c);
    if (taken <= 0)
      return taken;
  }
  if (pipe2(report, O_CLOEXEC) != 0)
    return -1;
  if ((c->capture && pipe2(out, O_CLOEXEC) != 0) ||
      (c->in_process && pipe2(done, O_CLOEXEC) != 0)) {
    int err = errno;
    close_pair(report);
    close_pair(out);
    errno = err;
    return -1;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0)
    rcmd_child(c, report[1], out[1], done[1]);
  int err = errno;
  close(report[1]);
  if (out[1] >= 0)
    close(out[1]);
  if (done[1] >= 0)
    close(done[1]);
  struct rcmd_report e = {RCMD_FORK, err};
  ssize_t n = pid < 0 ? (ssize_t)sizeof e : -1;
  while (pid > 0 && (n = read(report[0], &e, sizeof e)) < 0 && errno == EINTR)
    continue;
  close(report[0]);
  if (n == (ssize_t)sizeof e && e.step != RCMD_OK) { /* it did not start */
    if (pid > 0)
      waitpid(pid, NULL, 0);
    if (out[0] >= 0)
      close(out[0]);
    if (done[0] >= 0)
      close(done[0]);
    c->failed = (enum rcmd_step)e.step;
    errno = e.err;
    return -1;
  }
  c->pid = pid;
  c->out_fd = out[0];
  c->done_fd = done[0];
  c->failed = RCMD_OK;
  return 0;
}

/* See run_command.h. */
int rcmd_status(int wait_status) {
  if (WIFEXITED(wait_status))
    return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status))
    return 128 + WTERMSIG(wait_status);
  return 1;
}

/* See run_command.h. */
int rcmd_finish(struct rcmd *c) {
  int status;
  if (c->done_fd >= 0) {
    ssize_t n;
    while ((n = read(c->done_fd, &status, sizeof status)) < 0 && errno == EINTR)
      continue;
    close(c->done_fd);
    c->done_fd = -1;
    if (n == (ssize_t)sizeof status &&
        remember_exiting(c->pid, !c->bare) == 0) {
      c->pid = -1;
      return status;
    }
  }
  while (waitpid(c->pid, &status, 0) < 0)
    if (errno != EINTR)
      return -1;
  c->pid = -1;
  return rcmd_status(status);
}

/* See run_command.h. */
int rcmd_run(struct rcmd *c) {
  return rcmd_start(c) == 0 ? rcmd_finish(c) : -1;
}

/* See run_command.h. */
char *rcmd_capture(char *const argv[], int *status) {
  struct rcmd c = {.argv = argv, .capture = 1};
  if (rcmd_start(&c) != 0)
    return NULL;
  struct hu_buf out = HU_BUF_INIT;
  hu_buf_add(&out, "", 0);
  char chunk[4096];
  ssize_t n;
  while ((n = read(c.out_fd, chunk, sizeof chunk)) != 0) {
    if (n > 0)
      hu_buf_add(&out, chunk, (size_t)n);
    else if (errno != EINTR)
      break;
  }
  close(c.out_fd);
  *status = rcmd_finish(&c);
  return hu_buf_detach(&out);
}
