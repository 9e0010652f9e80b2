/*
** run_command.c: starting, waiting for and capturing children (see
** run_command.h).
**
** The child tells the parent why it could not start through a pipe that
** exec closes (O_CLOEXEC): the parent reads either nothing (the program
** runs) or the failed step and errno, then reaps the child.
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

#include "util.h"

struct start_error {
  int step; /* enum rcmd_step */
  int err;
};

/* In the child: report the step that failed and end. */
__attribute__((noreturn)) static void child_fail(int report,
                                                 enum rcmd_step step) {
  struct start_error e = {step, errno};
  ssize_t n = write(report, &e, sizeof e);
  (void)n;
  _exit(127);
}

/* In the child: set up what c asks for, then become the program. */
__attribute__((noreturn)) static void child(const struct rcmd *c, int report,
                                            int capture) {
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
    close(report); /* it started */
    int argc = 0;
    while (c->argv[argc])
      argc++;
    _exit(c->in_process(argc, (const char **)c->argv));
  }
  execvp(c->argv[0], c->argv);
  child_fail(report, RCMD_EXEC);
}

/* See run_command.h. */
int rcmd_start(struct rcmd *c) {
  int report[2], out[2] = {-1, -1};
  c->pid = -1;
  c->out_fd = -1;
  c->failed = RCMD_FORK;
  if (pipe2(report, O_CLOEXEC) != 0)
    return -1;
  if (c->capture && pipe2(out, O_CLOEXEC) != 0) {
    close(report[0]);
    close(report[1]);
    return -1;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0)
    child(c, report[1], out[1]);
  int err = errno;
  close(report[1]);
  if (out[1] >= 0)
    close(out[1]);
  struct start_error e = {RCMD_FORK, err};
  ssize_t n = pid < 0 ? (ssize_t)sizeof e : -1;
  while (pid > 0 && (n = read(report[0], &e, sizeof e)) < 0 && errno == EINTR)
    continue;
  close(report[0]);
  if (n == (ssize_t)sizeof e) { /* it did not start */
    if (pid > 0)
      waitpid(pid, NULL, 0);
    if (out[0] >= 0)
      close(out[0]);
    c->failed = (enum rcmd_step)e.step;
    errno = e.err;
    return -1;
  }
  c->pid = pid;
  c->out_fd = out[0];
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
