// A server started as root whose forked workers switch to another user
// (as nginx's do) stays patchable by root: `hcc patch --all` patches the
// master and both workers, `hcc status` lists all three, and every worker
// answers with the new code.  A client of a third user gets one line that
// says who may patch the process, and nothing changes.
//
// REQUIRES: root
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch xdg && chmod 755 %t
// RUN: mkfifo -m 666 w0.fifo w1.fifo
// RUN: %hcc -O2 -c main.c -o main.o && cp v1.c lib.c && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc main.o lib.o -o prog
// RUN: env XDG_RUNTIME_DIR=%t/xdg HPCTL=%S/../runtime/Inputs/hpctl.py %drive script | FileCheck %s
//
// CHECK: out: ready parent=[[P:[0-9]+]] w0=[[W0:[0-9]+]] w1=[[W1:[0-9]+]]
// CHECK: out: worker 0 uid=65534 value=1
// CHECK: out: worker 1 uid=65534 value=1
// CHECK-DAG: hcc: process [[P]]: patched lib.c: value (generation 1,
// CHECK-DAG: hcc: process [[W0]]: patched lib.c: value (generation 1,
// CHECK-DAG: hcc: process [[W1]]: patched lib.c: value (generation 1,
// CHECK: sh exit=0
// CHECK-DAG: [[W0]] generation=1 modules=2
// CHECK-DAG: [[W1]] generation=1 modules=2
// CHECK-DAG: [[P]] generation=1 modules=2
// CHECK: sh exit=0
// CHECK: out: parent uid=0 value=2
// CHECK: out: worker 0 uid=65534 value=2
// CHECK: out: worker 1 uid=65534 value=2
// The worker's own user may patch it; a third user (daemon, uid 1) may not.
// CHECK: ok hotpatch 2 pid=[[W0]] generation=1
// CHECK: error permission denied: process [[W0]] runs as uid 65534; only uid 65534 and root may patch it, not uid 1
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
sh echo report > w0.fifo
expect ^worker 0
sh echo report > w1.fifo
expect ^worker 1
copy v2.c lib.c
sh $HCC patch --all ./prog
sh $HCC status ./prog
send report
expect ^parent
sh echo report > w0.fifo
expect ^worker 0
sh echo report > w1.fifo
expect ^worker 1
sh chmod 711 xdg xdg/hotpatch && chmod 777 xdg/hotpatch/$(cat w0.pid).sock && runuser -u nobody -- python3 $HPCTL $(cat w0.pid) hello && runuser -u daemon -- python3 $HPCTL $(cat w0.pid) hello
close

//--- main.c
#include <grp.h>
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

/* A worker drops root (group, supplementary groups, user: the order
** daemons use), then serves the commands written to its fifo. */
static void worker(int i, int ready) {
  char path[32], line[64];
  snprintf(path, sizeof path, "w%d.pid", i);
  write_pid(path);
  if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0) exit(1);
  snprintf(path, sizeof path, "w%d.fifo", i);
  if (write(ready, "x", 1) != 1) exit(1);
  close(ready);
  for (;;) {
    FILE *in = fopen(path, "r");
    if (!in) exit(1);
    while (fgets(line, sizeof line, in)) {
      if (strcmp(line, "report\n") == 0)
        printf("worker %d uid=%d value=%d\n", i, (int)geteuid(), value());
      fflush(stdout);
    }
    fclose(in);
  }
}

int main(void) {
  pid_t workers[2];
  for (int i = 0; i < 2; i++) {
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
  printf("ready parent=%d w0=%d w1=%d\n", (int)getpid(), (int)workers[0], (int)workers[1]);
  fflush(stdout);
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "report\n") == 0) printf("parent uid=%d value=%d\n", (int)geteuid(), value());
    fflush(stdout);
  }
  for (int i = 0; i < 2; i++) kill(workers[i], SIGKILL);
  while (wait(NULL) > 0) {
  }
  return 0;
}

//--- v1.c
int value(void) { return 1; }

//--- v2.c
int value(void) { return 2; }
