// A thread-local keeps each thread's own value across a patch: the main
// thread and two long-lived workers each count in their copy of `counter`,
// before and after the patch changes how the count moves.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c tls.c
// RUN: %hcc -O2 -pthread -c loop.c -o loop.o && %hcc -O2 -pthread -c threads.c -o threads.o
// RUN: %hcc -O2 -pthread -c tls.c -o tls.o && %hcc -pthread loop.o threads.o tls.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: main counter=1
// CHECK-NEXT: out: A counter=1
// CHECK-NEXT: out: A counter=2
// CHECK-NEXT: out: B counter=1
// CHECK: hcc: patched tls.c:
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: A counter=102
// CHECK-NEXT: out: B counter=101
// CHECK-NEXT: out: main counter=101
// CHECK-NEXT: out: B counter=201

//--- script
start ./prog
expect ^ready
send main
expect main counter
send A
expect ^A
send A
expect ^A
send B
expect ^B
copy v2.c tls.c
patch
send A
expect ^A
send B
expect ^B
send main
expect ^main
send B
expect ^B
close

//--- threads.c
// Two workers, A and B, that each bump their own thread-local when told to;
// the command waits until the worker is done, so output is in order.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>

int bump_counter(void);

struct worker {
  const char *name;
  sem_t go, done;
  pthread_t thread;
};
static struct worker workers[2] = {{"A"}, {"B"}};

static void *work(void *arg) {
  struct worker *w = (struct worker *)arg; /* C++ too (--param language=c++) */
  for (;;) {
    sem_wait(&w->go);
    printf("%s counter=%d\n", w->name, bump_counter());
    fflush(stdout);
    sem_post(&w->done);
  }
  return NULL;
}

void scenario_command(const char *command) {
  static int started;
  if (!started) {
    for (int i = 0; i < 2; i++) {
      sem_init(&workers[i].go, 0, 0);
      sem_init(&workers[i].done, 0, 0);
      pthread_create(&workers[i].thread, NULL, work, &workers[i]);
    }
    started = 1;
  }
  if (strcmp(command, "main") == 0) {
    printf("main counter=%d\n", bump_counter());
    return;
  }
  struct worker *w = &workers[command[0] == 'B'];
  sem_post(&w->go);
  sem_wait(&w->done);
}

//--- v1.c
_Thread_local int counter;
int bump_counter(void) { return ++counter; }

//--- v2.c
_Thread_local int counter;
int bump_counter(void) { return counter += 100; }
