// Running threads: four threads call patched functions in tight loops and
// check every result, while 1,000 patches are applied one after another
// (v1 -> v2 -> v1 -> ...).  No call may ever see a mixed result (a version
// with another version's checksum, label or constant), no thread may crash,
// every probe after an apply must run the newest code, and a counter that
// both versions update must have counted every call (state is carried
// over, never copied).  Two patch files are built once and copied to 1,000
// paths; Inputs/stress.py applies them over the control socket and fails
// past 60 s.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: %hcc -O2 -c main.c -o main.o && %hcc main.o -o prog -lpthread
// Build v1 -> v2 against the running process, apply it, then v2 -> v1
// against the process that runs v2.
// RUN: env HPCTL=%S/../runtime/Inputs/hpctl.py CLANG=%clang PATCHCC="%patchcc" BASELINE=%baseline_arg %drive build.txt > build.out
// RUN: FileCheck --check-prefix=BUILD %s < build.out
// RUN: python3 %S/Inputs/stress.py 1000 to-v2.so to-v1.so ./prog > stress.out
// RUN: FileCheck %s < stress.out

// BUILD: ok generation=1 changed={{.*}}compute
// BUILD: out: probe 2 2 2
// BUILD: ok generation=2 changed={{.*}}compute
// BUILD: out: probe 1 1 1
// BUILD: exit=0

// CHECK: stress: applied 1000 patches, every probe ran the newest code
// CHECK-NEXT: out: threads=4 wrong=0 idle=0
// CHECK-NEXT: out: counter kept
// CHECK-NEXT: exit=0

//--- build.txt
start ./prog
expect ^ready
sh python3 $HPCTL $(cat pid) registry | tail -n +2 > base1.txt && $PATCHCC -O2 -DV2 -c main.c -o main.o $BASELINE=base1.txt && $CLANG -shared main.o -o to-v2.so
sh python3 $HPCTL $(cat pid) apply $PWD/to-v2.so
send probe
expect ^probe
sh python3 $HPCTL $(cat pid) registry | tail -n +2 > base2.txt && $PATCHCC -O2 -c main.c -o main.o $BASELINE=base2.txt && $CLANG -shared main.o -o to-v1.so
sh python3 $HPCTL $(cat pid) apply $PWD/to-v1.so
send probe
expect ^probe
send stop
close

//--- main.c
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef V2
#define VERSION 2
#define MUL 37
#define LABEL "second version"
#else
#define VERSION 1
#define MUL 31
#define LABEL "first version"
#endif

#define THREADS 4

struct answer {
  long version;
  long check;
};

/* Updated by both versions: a patch must keep using this storage. */
atomic_long compute_calls;

/* A struct return whose two fields must come from the same version. */
__attribute__((noinline)) struct answer compute(long x) {
  atomic_fetch_add_explicit(&compute_calls, 1, memory_order_relaxed);
  struct answer a = {VERSION, x * MUL + VERSION};
  return a;
}

/* A constant the patch carries its own copy of. */
__attribute__((noinline)) const char *label(int *version) {
  *version = VERSION;
  return LABEL;
}

/* Reached through a pointer taken before any patch. */
__attribute__((noinline)) static long scaled(long x) {
  return x * 1000 + VERSION;
}
long (*volatile scaled_ptr)(long) = scaled;

static atomic_int stop;
static atomic_long wrong;

struct worker {
  pthread_t thread;
  long calls;
  long seed;
};

static int consistent(long x, struct answer a) {
  if (a.version == 1)
    return a.check == x * 31 + 1;
  return a.version == 2 && a.check == x * 37 + 2;
}

static int label_consistent(int version, const char *text) {
  return strcmp(text, version == 1 ? "first version" : "second version") == 0;
}

static void report(const char *what, long x, long got) {
  fprintf(stderr, "WRONG %s x=%ld got=%ld\n", what, x, got);
  atomic_fetch_add(&wrong, 1);
  abort();
}

static void *work(void *arg) {
  struct worker *w = arg;
  unsigned long x = (unsigned long)w->seed;
  while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
    x = x * 6364136223846793005ul + 1442695040888963407ul;
    long v = (long)(x >> 40);
    struct answer a = compute(v);
    if (!consistent(v, a))
      report("compute", v, a.check);
    int version;
    const char *text = label(&version);
    if (!label_consistent(version, text))
      report("label", version, 0);
    long s = scaled_ptr(v);
    if (s / 1000 != v || (s % 1000 != 1 && s % 1000 != 2))
      report("scaled", v, s);
    w->calls++;
  }
  return NULL;
}

int main(void) {
  static struct worker workers[THREADS];
  char line[64];
  long probes = 0;
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
    if (strcmp(line, "probe\n") == 0) {
      int version;
      label(&version);
      probes++;
      printf("probe %ld %d %ld\n", compute(1).version, version,
             scaled_ptr(0) % 1000);
    } else if (strcmp(line, "stop\n") == 0) {
      break;
    }
    fflush(stdout);
  }
  atomic_store(&stop, 1);
  long total = probes, idle = 0;
  for (int i = 0; i < THREADS; i++) {
    pthread_join(workers[i].thread, NULL);
    total += workers[i].calls;
    idle += workers[i].calls == 0;
  }
  printf("threads=%d wrong=%ld idle=%ld\n", THREADS, atomic_load(&wrong), idle);
  printf(total == atomic_load(&compute_calls) ? "counter kept\n"
                                              : "counter LOST\n");
  return 0;
}
