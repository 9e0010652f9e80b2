// fork(): the child listens on its own socket <dir>/<child pid>.sock (the
// parent keeps its own), and a patch applied to the child changes only the
// child; the child's socket is removed when it exits.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp v1.c main.c && %hcc -O2 -c main.c -o main.o && %hcc main.o -o prog
// RUN: env HPCTL=%S/Inputs/hpctl.py CLANG=%clang %drive script.txt > out.txt
// RUN: FileCheck %s < out.txt

// CHECK: out: step 101
// CHECK: out: child ready pid=[[CHILD:[0-9]+]]
// CHECK: ok hotpatch 2 pid=[[CHILD]] generation=0
// CHECK: ok hotpatch 2 pid=[[PARENT:[0-9]+]] generation=0
// CHECK: two sockets
// CHECK: ok generation=1 changed=step new=
// CHECK: out: child step 1102
// CHECK: out: step 202
// CHECK: ok hotpatch 2 pid=[[PARENT]] generation=0
// CHECK: ok hotpatch 2 pid=[[CHILD]] generation=1
// CHECK: out: child exited 0
// CHECK: child socket gone
// CHECK: parent socket still there
// CHECK: exit=0

//--- script.txt
start ./prog
expect ^ready
send step
expect ^step
send fork
expect ^child ready
sh python3 $HPCTL $(cat child.pid) hello
sh python3 $HPCTL $(cat pid) hello
sh d=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import hpctl; print(hpctl.socket_dir())' $(dirname $HPCTL)); echo $d > sockdir; test -S $d/$(cat pid).sock && test -S $d/$(cat child.pid).sock && echo two sockets
sh python3 $HPCTL $(cat child.pid) registry | tail -n +2 > baseline.txt && cp v2.c main.c && $HCC -O2 -c main.c -o main.o -fplugin-arg-hotpatch-baseline=baseline.txt && $CLANG -shared main.o -o patch.so && python3 $HPCTL $(cat child.pid) apply $PWD/patch.so
send child step
expect ^child step
send step
expect ^step
sh python3 $HPCTL $(cat pid) hello
sh python3 $HPCTL $(cat child.pid) hello
send child quit
send wait
expect ^child exited
sh test ! -e $(cat sockdir)/$(cat child.pid).sock && echo child socket gone
sh test -S $(cat sockdir)/$(cat pid).sock && echo parent socket still there
send quit
close

//--- v1.c
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int counter;

__attribute__((noinline)) int step(void) {
  static int calls;
  calls++;
  counter += 1;
  return counter * 100 + calls;
}

static void write_pid(const char *path) {
  FILE *out = fopen(path, "w");
  fprintf(out, "%d\n", (int)getpid());
  fclose(out);
}

/* The child reads its commands from a pipe; the parent forwards them. */
static void child_loop(int fd) {
  FILE *in = fdopen(fd, "r");
  char line[64];
  write_pid("child.pid");
  printf("child ready pid=%d\n", (int)getpid());
  fflush(stdout);
  while (fgets(line, sizeof line, in)) {
    if (strcmp(line, "step\n") == 0)
      printf("child step %d\n", step());
    else if (strcmp(line, "quit\n") == 0)
      break;
    fflush(stdout);
  }
  exit(0);
}

int main(void) {
  char line[64];
  FILE *to_child = NULL;
  pid_t child = -1;
  write_pid("pid");
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "step\n") == 0) {
      printf("step %d\n", step());
    } else if (strcmp(line, "fork\n") == 0) {
      int fds[2];
      if (pipe(fds) != 0)
        return 1;
      child = fork();
      if (child == 0) {
        close(fds[1]);
        child_loop(fds[0]);
      }
      close(fds[0]);
      to_child = fdopen(fds[1], "w");
    } else if (strncmp(line, "child ", 6) == 0 && to_child) {
      fputs(line + 6, to_child);
      fflush(to_child);
    } else if (strcmp(line, "wait\n") == 0 && child > 0) {
      int status;
      waitpid(child, &status, 0);
      printf("child exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    } else if (strcmp(line, "quit\n") == 0) {
      break;
    }
    fflush(stdout);
  }
  return 0;
}

//--- v2.c
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int counter;

__attribute__((noinline)) int step(void) {
  static int calls;
  calls++;
  counter += 10;
  return counter * 100 + calls;
}

static void write_pid(const char *path) {
  FILE *out = fopen(path, "w");
  fprintf(out, "%d\n", (int)getpid());
  fclose(out);
}

/* The child reads its commands from a pipe; the parent forwards them. */
static void child_loop(int fd) {
  FILE *in = fdopen(fd, "r");
  char line[64];
  write_pid("child.pid");
  printf("child ready pid=%d\n", (int)getpid());
  fflush(stdout);
  while (fgets(line, sizeof line, in)) {
    if (strcmp(line, "step\n") == 0)
      printf("child step %d\n", step());
    else if (strcmp(line, "quit\n") == 0)
      break;
    fflush(stdout);
  }
  exit(0);
}

int main(void) {
  char line[64];
  FILE *to_child = NULL;
  pid_t child = -1;
  write_pid("pid");
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "step\n") == 0) {
      printf("step %d\n", step());
    } else if (strcmp(line, "fork\n") == 0) {
      int fds[2];
      if (pipe(fds) != 0)
        return 1;
      child = fork();
      if (child == 0) {
        close(fds[1]);
        child_loop(fds[0]);
      }
      close(fds[0]);
      to_child = fdopen(fds[1], "w");
    } else if (strncmp(line, "child ", 6) == 0 && to_child) {
      fputs(line + 6, to_child);
      fflush(to_child);
    } else if (strcmp(line, "wait\n") == 0 && child > 0) {
      int status;
      waitpid(child, &status, 0);
      printf("child exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    } else if (strcmp(line, "quit\n") == 0) {
      break;
    }
    fflush(stdout);
  }
  return 0;
}
