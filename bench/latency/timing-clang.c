/*
** timing-clang.c: stands in for clang under `hcc patch` (HOTPATCH_CLANG)
** so the latency benchmark can see the stages from outside hcc.
**
** Runs $HOTPATCH_BENCH_CLANG with the same arguments, waits, and appends
** "<kind> <start-ns> <end-ns> <status>\n" to $HOTPATCH_BENCH_LOG, times of
** CLOCK_MONOTONIC (Python's time.monotonic_ns() reads the same clock).
** kind is "link" for `-shared` commands, "probe" for `-###` (hcc learning
** the driver's link line), "compile" otherwise.  Installed as ld.lld beside
** itself it stands in for the linker hcc runs directly and runs
** $HOTPATCH_BENCH_LLD instead.  The extra fork costs well under a
** millisecond.
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv) {
  const char *clang = getenv("HOTPATCH_BENCH_CLANG");
  const char *log = getenv("HOTPATCH_BENCH_LOG");
  if (!clang || !log) {
    fprintf(stderr, "timing-clang: set HOTPATCH_BENCH_CLANG and HOTPATCH_BENCH_LOG\n");
    return 127;
  }
  const char *base = strrchr(argv[0], '/');
  if (strcmp(base ? base + 1 : argv[0], "ld.lld") == 0) clang = getenv("HOTPATCH_BENCH_LLD");
  if (!clang) {
    fprintf(stderr, "timing-clang: set HOTPATCH_BENCH_LLD\n");
    return 127;
  }
  const char *kind = "compile";
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "-shared") == 0) kind = "link";
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "-###") == 0) kind = "probe";
  argv[0] = (char *)clang;
  long long start = now_ns();
  pid_t pid;
  if (posix_spawn(&pid, clang, NULL, NULL, argv, environ) != 0) {
    perror("timing-clang: posix_spawn");
    return 127;
  }
  int status;
  while (waitpid(pid, &status, 0) < 0) {
  }
  long long end = now_ns();
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  char line[128];
  int len = snprintf(line, sizeof line, "%s %lld %lld %d\n", kind, start, end, code);
  int fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
  if (fd >= 0) {
    if (write(fd, line, (size_t)len) < 0) perror("timing-clang: write");
    close(fd);
  }
  return code;
}
