/*
** test_run_command.c: run_command.h with real processes: exit statuses and
** signals decoded, output captured and redirected, a directory to run in,
** a function run in the forked child (its status told through a pipe, the
** child reaped later), and the reasons a child could not
** start reported to the parent (errno and the step), not as its status.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "run_command.h"
#include "util.h"

static int add_args(int argc, const char **argv) {
  return argc + (int)strlen(argv[1]); /* 2 + 3 for {"x", "abc"} */
}

static void statuses(void) {
  char *exit7[] = {"sh", "-c", "exit 7", NULL};
  struct rcmd c = {.argv = exit7};
  CHECK(rcmd_run(&c) == 7, "exit 7");
  char *killed[] = {"sh", "-c", "kill -TERM $$", NULL};
  struct rcmd k = {.argv = killed};
  CHECK(rcmd_run(&k) == 128 + SIGTERM, "killed by SIGTERM: 128+15");
}

static void capture(void) {
  char *echo[] = {"sh", "-c", "printf 'one\\ntwo\\n'; exit 3", NULL};
  int status = -1;
  char *out = rcmd_capture(echo, &status);
  CHECK(out != NULL, "captured");
  if (out)
    CHECK_STR(out, "one\ntwo\n");
  CHECK(status == 3, "status %d", status);
  free(out);
}

static void output_and_dir(const char *dir) {
  char *path = hu_xasprintf("%s/out.txt", dir);
  char *pwd[] = {"sh", "-c", "pwd; echo err >&2; read x || echo no-stdin",
                 NULL};
  struct rcmd c = {.argv = pwd, .dir = dir, .output = path};
  CHECK(rcmd_run(&c) == 0, "pwd ran");
  char *text = hu_read_file(path, NULL);
  char *want = hu_xasprintf("%s\nerr\nno-stdin\n", dir);
  CHECK(text != NULL, "output written");
  if (text)
    CHECK_STR(text, want);
  free(text);
  free(want);
  unlink(path);
  free(path);
}

static int killed_in_process(int argc, const char **argv) {
  (void)argc;
  (void)argv;
  raise(SIGKILL);
  return 0;
}

static int status_300(int argc, const char **argv) {
  (void)argc;
  (void)argv;
  return 300;
}

static void in_process(void) {
  char *argv[] = {"x", "abc", NULL};
  struct rcmd c = {.argv = argv, .in_process = add_args};
  CHECK(rcmd_start(&c) == 0, "started");
  pid_t pid = c.pid;
  CHECK(rcmd_finish(&c) == 5, "the function's result is the child's status");
  /* Its status came through the pipe: rcmd_finish did not reap it. */
  CHECK(waitpid(pid, NULL, 0) == pid, "the child was left to reap");
  struct rcmd s = {.argv = argv, .in_process = status_300};
  CHECK(rcmd_run(&s) == (300 & 0xff), "as an exit status: %d", 300 & 0xff);
  struct rcmd k = {.argv = argv, .in_process = killed_in_process};
  CHECK(rcmd_run(&k) == 128 + SIGKILL,
        "a child that dies before telling: its signal, from waitpid");
  for (int i = 0; i < 20; i++) { /* more than are reaped later at once */
    struct rcmd r = {.argv = argv, .in_process = add_args};
    CHECK(rcmd_run(&r) == 5, "run %d", i);
  }
  /* What is left exiting is gone after rcmd_reap_exiting. */
  rcmd_reap_exiting(1);
  errno = 0;
  CHECK(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD,
        "no child left to reap (errno %d)", errno);
}

static void cannot_start(const char *dir) {
  char *missing[] = {"hcc-test-no-such-program", NULL};
  struct rcmd c = {.argv = missing};
  errno = 0;
  int started = rcmd_start(&c), err = errno;
  CHECK(started == -1, "a missing program does not start");
  CHECK(err == ENOENT, "errno %d", err);
  CHECK(c.failed == RCMD_EXEC, "failed at %d", (int)c.failed);
  char *gone = hu_xasprintf("%s/no-such-dir", dir);
  char *true_[] = {"true", NULL};
  struct rcmd d = {.argv = true_, .dir = gone};
  errno = 0;
  started = rcmd_run(&d);
  err = errno;
  CHECK(started == -1, "a missing directory: not started");
  CHECK(err == ENOENT && d.failed == RCMD_DIR, "errno %d, step %d", err,
        (int)d.failed);
  char *out = hu_xasprintf("%s/out.txt", gone);
  struct rcmd o = {.argv = true_, .output = out};
  CHECK(rcmd_run(&o) == -1 && o.failed == RCMD_OUTPUT,
        "an output file that cannot be created");
  errno = 0;
  int status = 0;
  CHECK(rcmd_capture(missing, &status) == NULL && errno == ENOENT,
        "capture of a missing program");
  free(out);
  free(gone);
}

int main(void) {
  statuses();
  capture();
  in_process();
  char dir[] = "/tmp/hcc-test-run-command-XXXXXX"; /* for files and cwd */
  if (mkdtemp(dir)) {
    output_and_dir(dir);
    cannot_start(dir);
    rmdir(dir);
  } else {
    CHECK(0, "mkdtemp: %s", strerror(errno));
  }
  return CHECK_DONE();
}
