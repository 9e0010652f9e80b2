// The fault storm: four threads with resume points call compute() in
// tight loops while good and bad patches of it are applied in turn (and
// some reverted), and the main thread dlopens instrumented libraries
// (each registration grows the runtime's table of slot objects).  The bad
// patch divides by zero for one input in seven, so several threads fault
// in it at once, each while the control thread may be applying, reverting
// or settling the previous fault.  Every fault must be reported, reverted
// and resumed; no result may ever be wrong; the process must live to the
// end.  Inputs/storm.py drives it for STORM_SECONDS (default 4; a soak
// runs it for minutes, docs/testing.md).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: %hcc -O2 -c main.c -o main.o && %hcc main.o -o prog -lpthread -ldl
// RUN: %hcc -O2 -fPIC -shared plug.c -o plug.so
// Both patches are built against the process running the original.
// RUN: env HPCTL=%S/../runtime/Inputs/hpctl.py CLANG=%clang PATCHCC="%patchcc" BASELINE=%baseline_arg %drive build.txt > build.out
// RUN: FileCheck --check-prefix=BUILD %s < build.out
// RUN: python3 %S/Inputs/storm.py good.so bad.so plug.so ./prog > storm.out 2> storm.err || (cat storm.out; tail -20 storm.err; false)
// RUN: FileCheck %s < storm.out
// RUN: FileCheck --check-prefix=ERR %s < storm.err

// BUILD: sh exit=0
// BUILD: sh exit=0
// BUILD: exit=0

// CHECK: storm: {{[0-9]+}} rounds, {{[1-9][0-9]*}} faults resumed, {{[1-9][0-9]*}} libraries loaded
// CHECK-NEXT: out: threads=4 wrong=0 idle=0
// CHECK-NEXT: exit=0

// ERR: hotpatch: patched function 'compute' (generation {{[0-9]+}}) faulted with SIGFPE
// ERR-NOT: WRONG
// ERR-NOT: dies of

//--- build.txt
start ./prog
expect ^ready
sh python3 $HPCTL $(cat pid) registry | tail -n +2 > base.txt && $PATCHCC -O2 -DBAD -c main.c -o main.o $BASELINE=base.txt && $CLANG -shared main.o -o bad.so
sh $PATCHCC -O2 -DGOOD -c main.c -o main.o $BASELINE=base.txt && $CLANG -shared main.o -o good.so
send stop
close

//--- plug.c
/* Loaded again and again under new names: one more slot object each. */
int plug_value(int x) { return x + 1; }

//--- main.c
#include <dlfcn.h>
#include <hotpatch.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define THREADS 4

volatile long zero;

/* Every version returns 3x; the bad one divides by zero when x % 7 == 0. */
__attribute__((noinline)) long compute(long x) {
#if defined(BAD)
  return x * 3 + (1000 / (x % 7 + zero)) * zero;
#elif defined(GOOD)
  return x * 3 + zero * 2;
#else
  return x * 3 + zero;
#endif
}

static atomic_int stop;
static atomic_long wrong;

struct worker {
  pthread_t thread;
  long seed;
  volatile long calls;
  volatile long resumed;
  volatile int in_call; /* set while compute runs: a jump back finds it */
};

static void *work(void *arg) {
  struct worker *w = arg;
  HOTPATCH_RESUME_POINT();
  if (w->in_call) {
    w->in_call = 0;
    w->resumed++;
  }
  while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
    long x = (w->seed = w->seed * 1103515245 + 12345) % 1000003;
    w->in_call = 1;
    long got = compute(x);
    w->in_call = 0;
    if (got != x * 3) {
      fprintf(stderr, "WRONG compute(%ld) = %ld\n", x, got);
      atomic_fetch_add(&wrong, 1);
    }
    w->calls++;
  }
  hotpatch_resume_clear();
  return NULL;
}

int main(void) {
  static struct worker workers[THREADS];
  char line[4096];
  for (int i = 0; i < THREADS; i++) {
    workers[i].seed = i + 1;
    if (pthread_create(&workers[i].thread, NULL, work, &workers[i]) != 0)
      return 1;
  }
  FILE *pid = fopen("pid", "w");
  fprintf(pid, "%d\n", (int)getpid());
  fclose(pid);
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = '\0';
    if (strncmp(line, "load ", 5) == 0) {
      void *lib = dlopen(line + 5, RTLD_NOW | RTLD_LOCAL);
      int (*value)(int) = lib ? (int (*)(int))dlsym(lib, "plug_value") : NULL;
      printf("loaded %d\n", value ? value(1) : -1);
    } else if (strcmp(line, "resumed") == 0) {
      long resumed = 0;
      for (int i = 0; i < THREADS; i++)
        resumed += workers[i].resumed;
      printf("resumed %ld\n", resumed);
    } else if (strcmp(line, "stop") == 0) {
      break;
    }
    fflush(stdout);
  }
  atomic_store(&stop, 1);
  long idle = 0;
  for (int i = 0; i < THREADS; i++) {
    pthread_join(workers[i].thread, NULL);
    idle += workers[i].calls == 0;
  }
  printf("threads=%d wrong=%ld idle=%ld\n", THREADS, atomic_load(&wrong), idle);
  return 0;
}
