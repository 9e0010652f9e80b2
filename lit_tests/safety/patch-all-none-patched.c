// `hcc patch --all PROGRAM` when no process can be patched (the edit does
// not compile): every process gets its error line, the summary says that
// none was patched (not "the others were": there are none), the exit code
// is the first failure's (3: a compile failed), and every process keeps
// its code.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: mkfifo w0.fifo
// RUN: %hcc -O2 -c main.c -o main.o && cp v1.c lib.c && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc main.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// hcc lists the processes by pid, and pids wrap: the program also prints
// its two pids in that order (low, high).
// CHECK: out: ready parent={{[0-9]+}} w0={{[0-9]+}} low=[[LO:[0-9]+]] high=[[HI:[0-9]+]]
// CHECK: hcc: error: not patched: {{.*}}process [[LO]] keeps running generation 0
// CHECK: hcc: error: not patched: {{.*}}process [[HI]] keeps running generation 0
// CHECK-NEXT: hcc: error: none of the 2 processes of ./prog was patched (pid [[LO]], [[HI]], see above)
// CHECK-NEXT: sh exit=3
// CHECK: out: parent value=1
// CHECK: out: worker 0 value=1
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
copy broken.c lib.c
sh $HCC patch --all ./prog 2>&1 | grep '^hcc: error'; exit ${PIPESTATUS[0]}
send report
expect ^parent
sh echo report > w0.fifo
expect ^worker 0
close

//--- main.c
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int value(void);

/* The worker answers the commands written to its fifo. */
static void worker(int ready) {
  char line[64];
  if (write(ready, "x", 1) != 1) exit(1);
  close(ready);
  for (;;) {
    FILE *in = fopen("w0.fifo", "r");
    if (!in) exit(1);
    while (fgets(line, sizeof line, in)) {
      if (strcmp(line, "report\n") == 0) printf("worker 0 value=%d\n", value());
      fflush(stdout);
    }
    fclose(in);
  }
}

int main(void) {
  int fds[2];
  char c;
  if (pipe(fds) != 0) return 1;
  fflush(stdout);
  pid_t w = fork();
  if (w == 0) {
    close(fds[0]);
    worker(fds[1]);
  }
  close(fds[1]);
  if (read(fds[0], &c, 1) != 1) return 1;
  int p = (int)getpid();
  printf("ready parent=%d w0=%d low=%d high=%d\n", p, (int)w,
         p < w ? p : (int)w, p < w ? (int)w : p);
  fflush(stdout);
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "report\n") == 0) printf("parent value=%d\n", value());
    fflush(stdout);
  }
  kill(w, SIGKILL);
  while (wait(NULL) > 0) {
  }
  return 0;
}

//--- v1.c
int value(void) { return 1; }

//--- broken.c
int value(void) { return 2 }
