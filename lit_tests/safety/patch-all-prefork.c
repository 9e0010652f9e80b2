// `hcc patch --all PROGRAM` patches every running process of a pre-forking
// server: the parent and its three workers, each against its own registry.
// Worker 1 was patched alone first (generation 1, v2), so the --all patch
// brings it from v2 to v3 (generation 2) and the others from v1 to v3
// (generation 1).  One status line per process, exit 0; every process then
// answers with v3.  Once worker 2 has quit, --all patches the three
// processes that are left (v4).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: mkfifo w0.fifo w1.fifo w2.fifo
// RUN: %hcc -O2 -c main.c -o main.o && cp v1.c lib.c && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc main.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: ready 3 workers parent=[[P:[0-9]+]] w0=[[W0:[0-9]+]] w1=[[W1:[0-9]+]] w2=[[W2:[0-9]+]]
// CHECK: out: parent value=1
// CHECK: out: worker 1 value=1
// CHECK: hcc: patched lib.c: value (generation 1,
// CHECK-NEXT: sh exit=0
// CHECK: out: worker 1 value=2
// CHECK: out: worker 0 value=1
// CHECK-DAG: hcc: process [[P]]: patched lib.c: value (generation 1,
// CHECK-DAG: hcc: process [[W0]]: patched lib.c: value (generation 1,
// CHECK-DAG: hcc: process [[W1]]: patched lib.c: value (generation 2,
// CHECK-DAG: hcc: process [[W2]]: patched lib.c: value (generation 1,
// CHECK: sh exit=0
// CHECK: out: parent value=3
// CHECK: out: worker 0 value=3
// CHECK: out: worker 1 value=3
// CHECK: out: worker 2 value=3
// CHECK: out: worker 2 quit
// CHECK: out: reaped 2
// CHECK-DAG: hcc: process [[P]]: patched lib.c: value (generation 2,
// CHECK-DAG: hcc: process [[W0]]: patched lib.c: value (generation 2,
// CHECK-DAG: hcc: process [[W1]]: patched lib.c: value (generation 3,
// CHECK-NOT: process [[W2]]
// CHECK: sh exit=0
// CHECK: out: worker 0 value=4
// CHECK: out: parent value=4
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send report
expect ^parent
sh echo report > w1.fifo
expect ^worker 1
copy v2.c lib.c
sh $HCC patch --pid $(cat w1.pid)
sh echo report > w1.fifo
expect ^worker 1
sh echo report > w0.fifo
expect ^worker 0
copy v3.c lib.c
sh $HCC patch --all ./prog
send report
expect ^parent
sh echo report > w0.fifo
expect ^worker 0
sh echo report > w1.fifo
expect ^worker 1
sh echo report > w2.fifo
expect ^worker 2
sh echo quit > w2.fifo
expect ^worker 2 quit
send reap 2
expect ^reaped 2
copy v4.c lib.c
sh $HCC patch --all ./prog
sh echo report > w0.fifo
expect ^worker 0
send report
expect ^parent
close

//--- main.c
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

int main(void) {
  pid_t workers[3];
  /* Fork one at a time, each once it is ready: a deterministic start. */
  for (int i = 0; i < 3; i++) {
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
  printf("ready 3 workers parent=%d w0=%d w1=%d w2=%d\n", (int)getpid(), (int)workers[0],
         (int)workers[1], (int)workers[2]);
  fflush(stdout);
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "report\n") == 0) printf("parent value=%d\n", value());
    else if (strncmp(line, "reap ", 5) == 0 && waitpid(workers[atoi(line + 5)], NULL, 0) > 0)
      printf("reaped %d\n", atoi(line + 5));
    fflush(stdout);
  }
  for (int i = 0; i < 3; i++) kill(workers[i], SIGKILL);
  while (wait(NULL) > 0) {
  }
  return 0;
}

//--- v1.c
int value(void) { return 1; }

//--- v2.c
int value(void) { return 2; }

//--- v3.c
int value(void) { return 3; }

//--- v4.c
int value(void) { return 4; }
