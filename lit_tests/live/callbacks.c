// Callbacks handed to libc and pthreads before a patch run the new code
// after it: an atexit handler, a qsort comparator, a signal handler, and a
// pthread start routine whose address was taken before the patch.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c cb.c
// RUN: %hcc -O2 -pthread -c loop.c -o loop.o && %hcc -O2 -pthread -c setup.c -o setup.o
// RUN: %hcc -O2 -pthread -c cb.c -o cb.o && %hcc -pthread loop.o setup.o cb.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: sorted 1 2 3
// CHECK-NEXT: out: signal v1
// CHECK-NEXT: out: thread v1
// CHECK: hcc: patched cb.c:
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: sorted 3 2 1
// CHECK-NEXT: out: signal v2
// CHECK-NEXT: out: thread v2
// CHECK: out: bye
// CHECK-NEXT: out: atexit v2
// CHECK-NEXT: exit=0

//--- script
start ./prog
expect ^ready
send all
expect ^thread
copy v2.c cb.c
patch
send all
expect ^thread
close

//--- setup.c
// Registers every callback once, before any patch, and keeps the pointers.
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

int compare(const void *a, const void *b);
void on_signal(int sig);
void at_exit(void);
void *thread_main(void *arg);

static int (*saved_compare)(const void *, const void *);
static void *(*saved_thread)(void *);

void scenario_command(const char *command) {
  (void)command;
  if (!saved_compare) {
    saved_compare = compare;
    saved_thread = thread_main;
    signal(SIGUSR1, on_signal);
    atexit(at_exit);
  }
  int v[] = {2, 3, 1};
  qsort(v, 3, sizeof v[0], saved_compare);
  printf("sorted %d %d %d\n", v[0], v[1], v[2]);
  fflush(stdout);
  raise(SIGUSR1);
  pthread_t t;
  pthread_create(&t, NULL, saved_thread, NULL);
  pthread_join(t, NULL);
}

//--- v1.c
#include <stdio.h>
int compare(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
void on_signal(int sig) { (void)sig; printf("signal v1\n"); fflush(stdout); }
void at_exit(void) { printf("atexit v1\n"); }
void *thread_main(void *arg) { printf("thread v1\n"); fflush(stdout); return arg; }

//--- v2.c
#include <stdio.h>
int compare(const void *a, const void *b) { return *(const int *)b - *(const int *)a; }
void on_signal(int sig) { (void)sig; printf("signal v2\n"); fflush(stdout); }
void at_exit(void) { printf("atexit v2\n"); }
void *thread_main(void *arg) { printf("thread v2\n"); fflush(stdout); return arg; }
