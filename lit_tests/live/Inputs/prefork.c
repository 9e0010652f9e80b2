/* A pre-forking server for the `hcc patch --all` tests: `prefork N` forks
** N workers, one at a time, each once the previous is ready, then prints
** "ready N workers parent=PID w0=PID ...".  Worker i writes its pid to
** wI.pid and serves the commands written to wI.fifo ("report": its
** value(); "quit"); the parent serves stdin ("report"; "reap I": wait for
** worker I).  value() is the test's lib.c. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { MAX_WORKERS = 8 };

int value(void);

static void write_pid(const char *path) {
  FILE *out = fopen(path, "w");
  fprintf(out, "%d\n", (int)getpid());
  fclose(out);
}

/* A worker serves the commands written to its fifo, one writer at a time. */
static void worker(int i, int ready) {
  char path[32], line[64];
  snprintf(path, sizeof path, "w%d.pid", i);
  write_pid(path);
  snprintf(path, sizeof path, "w%d.fifo", i);
  if (write(ready, "x", 1) != 1) exit(1);
  close(ready);
  for (;;) {
    FILE *in = fopen(path, "r");
    if (!in) exit(1);
    while (fgets(line, sizeof line, in)) {
      if (strcmp(line, "report\n") == 0) {
        printf("worker %d value=%d\n", i, value());
      } else if (strcmp(line, "quit\n") == 0) {
        printf("worker %d quit\n", i);
        exit(0);
      }
      fflush(stdout);
    }
    fclose(in);
  }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 0;
  if (n < 1 || n > MAX_WORKERS) return 2;
  pid_t workers[MAX_WORKERS];
  /* Fork one at a time, each once it is ready: a deterministic start. */
  for (int i = 0; i < n; i++) {
    int fds[2];
    char c;
    if (pipe(fds) != 0) return 1;
    fflush(stdout);
    workers[i] = fork();
    if (workers[i] == 0) {
      close(fds[0]);
      worker(i, fds[1]);
    }
    close(fds[1]);
    if (read(fds[0], &c, 1) != 1) return 1;
    close(fds[0]);
  }
  printf("ready %d workers parent=%d", n, (int)getpid());
  for (int i = 0; i < n; i++) printf(" w%d=%d", i, (int)workers[i]);
  printf("\n");
  fflush(stdout);
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "report\n") == 0) printf("parent value=%d\n", value());
    else if (strncmp(line, "reap ", 5) == 0 && waitpid(workers[atoi(line + 5)], NULL, 0) > 0)
      printf("reaped %d\n", atoi(line + 5));
    fflush(stdout);
  }
  for (int i = 0; i < n; i++) kill(workers[i], SIGKILL);
  while (wait(NULL) > 0) {
  }
  return 0;
}
