/*
** test_standby.c: standby.h with real processes: two children forked
** ahead; a job handed to one (its words, directory and output file, its
** status, the standby as the child that ran it, none of our descriptors
** in it); a job that cannot start in its directory reported as rcmd_start
** reports it; standbys killed while they wait replaced by a fork; and no
** child left once they are dropped and reaped.  Spawned standbys (this
** program again, as lib/hotpatch-toolchain is for hcc patch): one that
** exits before it is ready is dropped; one that serves runs the job by
** its own function, with none of our descriptors from the start.
*/
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "run_command.h"
#include "standby.h"
#include "util.h"

/* The job: says its words, where it runs and whether the descriptor named
** by argv[2] is open in it. */
static int describe(int argc, const char **argv) {
  char cwd[4096];
  if (!getcwd(cwd, sizeof cwd))
    return 1;
  int open_here = fcntl(atoi(argv[2]), F_GETFD) != -1;
  printf("%d %s %s %s\n", argc, argv[1], cwd, open_here ? "open" : "closed");
  fflush(stdout);
  return 7;
}

/* Kill our children (the standbys, and job children still exiting);
** returns how many.  Not by name: a standby just forked may not have
** named itself yet. */
static int kill_children(void) {
  DIR *proc = opendir("/proc");
  int killed = 0;
  for (struct dirent *d; proc && (d = readdir(proc)) != NULL;) {
    char *stat_path = hu_xasprintf("/proc/%s/stat", d->d_name);
    char *stat = hu_read_file(stat_path, NULL);
    const char *after = stat ? strrchr(stat, ')') : NULL;
    int ppid = 0;
    if (after && sscanf(after, ") %*c %d", &ppid) == 1 && ppid == getpid() &&
        kill(atoi(d->d_name), SIGKILL) == 0)
      killed++;
    free(stat_path);
    free(stat);
  }
  if (proc)
    closedir(proc);
  return killed;
}

/* Runs describe through rcmd_start in dir; its output in *text. */
static int run_describe(const char *dir, const char *out, int marker,
                        struct rcmd *c, char **text) {
  char fd[16];
  snprintf(fd, sizeof fd, "%d", marker);
  char *argv[] = {"x", "words", fd, NULL};
  *c = (struct rcmd){
      .argv = argv, .dir = dir, .output = out, .in_process = describe};
  *text = NULL;
  if (rcmd_start(c) != 0)
    return -1;
  int status = rcmd_finish(c);
  *text = hu_read_file(out, NULL);
  return status;
}

static void standbys(const char *dir) {
  /* Not a standby's; numbered above what a job opens. */
  int null = open("/dev/null", O_RDONLY);
  int marker = fcntl(null, F_DUPFD, 100);
  close(null);
  char *out = hu_xasprintf("%s/out.txt", dir);
  struct rcmd c;
  char *text;
  CHECK(sb_fill() == 2, "two forked");
  CHECK(sb_fill() == 0, "none missing");
  CHECK(run_describe(dir, out, marker, &c, &text) == 7, "the job's status");
  CHECK(c.bare == 1 && sb_taken() == 1, "run by a standby");
  char *want = hu_xasprintf("3 words %s closed\n", dir);
  CHECK(text && strcmp(text, want) == 0, "got '%s', want '%s'", text, want);
  free(text);

  char *gone = hu_xasprintf("%s/no-such-dir", dir);
  errno = 0;
  int started = run_describe(gone, out, marker, &c, &text), err = errno;
  CHECK(started == -1, "not started");
  CHECK(err == ENOENT && c.failed == RCMD_DIR, "errno %d, step %d", err,
        (int)c.failed);
  CHECK(sb_taken() == 1, "a job that did not start is not counted");

  CHECK(sb_fill() == 2, "both used: two forked again");
  CHECK(kill_children() >= 2, "both killed while they wait");
  CHECK(run_describe(dir, out, marker, &c, &text) == 7, "forked instead");
  CHECK(c.bare == 0 && sb_taken() == 1, "not a standby");
  free(want);
  want = hu_xasprintf("3 words %s open\n", dir);
  CHECK(text && strcmp(text, want) == 0, "got '%s', want '%s'", text, want);

  CHECK(sb_fill() == 2, "two forked after the dead ones");
  sb_drop();
  rcmd_reap_exiting(1);
  errno = 0;
  CHECK(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD,
        "no child left to reap (errno %d)", errno);
  unlink(out);
  free(text);
  free(want);
  free(gone);
  free(out);
  close(marker);
}

/* A spawned standby's program for every job: describe, but exit 9, so
** that the test tells it from a forked standby's. */
static int describe_spawned(int argc, const char **argv) {
  return describe(argc, argv) + 2;
}

static sb_program *program_for(char *const *argv) {
  (void)argv;
  return describe_spawned;
}

/* A spawned standby says whether it allocates with mimalloc: given it
** through LD_PRELOAD, as resident.c gives lib/hotpatch-toolchain, its job
** counts; without, not. */
static void spawned_with_mimalloc(const char *dir, int marker) {
#ifdef TEST_MIMALLOC_LIBRARY
  char *out = hu_xasprintf("%s/out.txt", dir);
  char *preload = hu_xasprintf("LD_PRELOAD=%s", TEST_MIMALLOC_LIBRARY);
  char *const env[] = {preload, NULL};
  unsigned with = sb_taken_mimalloc();
  CHECK(sb_spawn("/proc/self/exe", env) == 0, "spawned with mimalloc");
  struct rcmd c;
  char *text;
  CHECK(run_describe(dir, out, marker, &c, &text) == 9, "its status");
  CHECK(sb_taken_mimalloc() == with + 1, "it said it allocates with mimalloc");
  rcmd_reap_exiting(1);
  unlink(out);
  free(text);
  free(preload);
  free(out);
#else
  (void)dir;
  (void)marker;
#endif
}

static void spawned(const char *dir) {
  CHECK(sb_spawn("/bin/false", environ) == 0, "spawned");
  CHECK(sb_wait_started() == -1, "exited before it was ready");
  int null = open("/dev/null", O_RDONLY);
  int marker = fcntl(null, F_DUPFD, 100); /* without O_CLOEXEC */
  close(null);
  char *out = hu_xasprintf("%s/out.txt", dir);
  unsigned taken = sb_taken();
  unsigned with_mimalloc = sb_taken_mimalloc();
  CHECK(sb_spawn("/proc/self/exe", environ) == 0, "spawned again");
  struct rcmd c;
  char *text;
  CHECK(run_describe(dir, out, marker, &c, &text) == 9, "its status");
  CHECK(c.bare == 1 && sb_taken() == taken + 1, "run by the spawned one");
  CHECK(sb_taken_mimalloc() == with_mimalloc, "without mimalloc");
  char *want = hu_xasprintf("3 words %s closed\n", dir);
  CHECK(text && strcmp(text, want) == 0, "got '%s', want '%s'", text, want);
  rcmd_reap_exiting(1);
  unlink(out);
  free(text);
  free(want);
  free(out);
  spawned_with_mimalloc(dir, marker);
  close(marker);
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--standby") == 0)
    sb_serve(3, NULL, program_for); /* spawned by spawned() */
  char dir[] = "/tmp/hcc-test-standby-XXXXXX";
  if (mkdtemp(dir)) {
    standbys(dir);
    spawned(dir);
    rmdir(dir);
  } else {
    CHECK(0, "mkdtemp: %s", strerror(errno));
  }
  return CHECK_DONE();
}
