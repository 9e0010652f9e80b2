// A long-running function patched mid-call finishes its old code, and the
// next call runs the new one.  job() runs on a thread and blocks on a pipe
// the test controls (no timing involved): the patch is applied while the
// v1 frame is blocked, the frame is released and must finish as v1 (its
// epilogue line says v1), then a fresh call says v2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp v1.c main.c && %hcc -O2 -c main.c -o main.o && %hcc main.o -o prog -lpthread
// RUN: env HPCTL=%S/../runtime/Inputs/hpctl.py CLANG=%clang PATCHCC="%patchcc" BASELINE=%baseline_arg %drive script.txt > out.txt
// RUN: FileCheck %s < out.txt

// CHECK: out: job v1 begins
// CHECK: ok generation=1 changed=job new=
// CHECK: out: job v1 ends, got go
// CHECK-NEXT: out: joined
// CHECK: out: job v2 begins
// CHECK: out: job v2 ends, got go
// CHECK: exit=0

//--- script.txt
start ./prog
expect ^ready
send start
expect ^job v1 begins
sh python3 $HPCTL $(cat pid) registry | tail -n +2 > base.txt && cp v2.c main.c && $PATCHCC -O2 -c main.c -o main.o $BASELINE=base.txt && $CLANG -shared main.o -o patch.so
sh python3 $HPCTL $(cat pid) apply $PWD/patch.so
send go
expect ^joined
send start
expect ^job v2 begins
send go
expect ^joined
send quit
close

//--- v1.c
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int gate[2]; /* main writes one line per "go"; job() reads it */

/* Blocks in the middle of its body until the test says go. */
__attribute__((noinline)) void job(void) {
  char word[8] = {0};
  printf("job v1 begins\n");
  fflush(stdout);
  if (read(gate[0], word, 3) != 3)
    return;
  word[2] = '\0';
  printf("job v1 ends, got %s\n", word);
  fflush(stdout);
}

static void *run_job(void *arg) {
  (void)arg;
  job();
  return NULL;
}

int main(void) {
  char line[64];
  pthread_t thread;
  if (pipe(gate) != 0)
    return 1;
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "start\n") == 0) {
      pthread_create(&thread, NULL, run_job, NULL);
    } else if (strcmp(line, "go\n") == 0) {
      if (write(gate[1], "go\n", 3) != 3)
        return 1;
      pthread_join(thread, NULL);
      printf("joined\n");
    } else if (strcmp(line, "quit\n") == 0) {
      break;
    }
    fflush(stdout);
  }
  return 0;
}

//--- v2.c
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int gate[2]; /* main writes one line per "go"; job() reads it */

/* Blocks in the middle of its body until the test says go. */
__attribute__((noinline)) void job(void) {
  char word[8] = {0};
  printf("job v2 begins\n");
  fflush(stdout);
  if (read(gate[0], word, 3) != 3)
    return;
  word[2] = '\0';
  printf("job v2 ends, got %s\n", word);
  fflush(stdout);
}

static void *run_job(void *arg) {
  (void)arg;
  job();
  return NULL;
}

int main(void) {
  char line[64];
  pthread_t thread;
  if (pipe(gate) != 0)
    return 1;
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "start\n") == 0) {
      pthread_create(&thread, NULL, run_job, NULL);
    } else if (strcmp(line, "go\n") == 0) {
      if (write(gate[1], "go\n", 3) != 3)
        return 1;
      pthread_join(thread, NULL);
      printf("joined\n");
    } else if (strcmp(line, "quit\n") == 0) {
      break;
    }
    fflush(stdout);
  }
  return 0;
}
