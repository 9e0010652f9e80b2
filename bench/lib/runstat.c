/*
** runstat.c: runs a command and writes its peak RSS (KiB) to a file.
**
** usage: runstat OUTFILE COMMAND [ARGS...]
** The benchmark cannot take ru_maxrss from its own wait4: Linux keeps a
** process's peak RSS across exec, so a child forked from the Python
** harness reports the harness's size.  This small process forks afresh.
*/
#include <spawn.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

extern char **environ;

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: runstat OUTFILE COMMAND [ARGS...]\n");
    return 127;
  }
  pid_t pid;
  if (posix_spawnp(&pid, argv[2], NULL, NULL, argv + 2, environ) != 0) {
    perror("runstat: cannot run the command");
    return 127;
  }
  int status;
  struct rusage usage;
  while (wait4(pid, &status, 0, &usage) < 0) {
  }
  FILE *out = fopen(argv[1], "w");
  if (out) {
    fprintf(out, "%ld\n", usage.ru_maxrss);
    fclose(out);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
