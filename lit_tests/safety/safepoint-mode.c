// HOTPATCH_MODE=safepoint: a patch waits for the program's
// hotpatch_safepoint().  The patch is loaded and verified (the program
// sees its object mapped), and yet, until the program reaches a safe
// point, every call still runs v1: no function changes version between two
// safe points.  At the safe point the patch's new constructor runs (so a
// patch that never meets a safe point never ran any of its code), then
// both functions switch together, the reload hook runs there, on the main
// thread, with the new generation and the changed ids, and `hcc patch`
// reports success.  A revert waits for a safe point the same way.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog -lpthread
// RUN: %drive script | FileCheck %s

// CHECK: out: check f=1 g=1 changed-between=0 generation=0
// CHECK: out: patch mapped
// CHECK-NEXT: out: check f=1 g=1 changed-between=0 generation=0
// CHECK-NEXT: out: constructor on the main thread, generation 0
// CHECK-NEXT: out: hook generation=1 changed=f,g{{(,scenario_command)?}} on the main thread
// CHECK-NEXT: out: frame f=2 g=2 generation=1
// CHECK: hcc: patched lib.c: {{.*}}(generation 1,
// CHECK: patch exit=0
// CHECK: out: hook generation=0 changed=f,g{{(,scenario_command)?}} on the main thread
// CHECK-NEXT: out: frame f=1 g=1 generation=0
// CHECK: exit=0

//--- script
start env HOTPATCH_MODE=safepoint ./prog
expect ^ready
send check
expect ^check
copy v2.c lib.c
patch-bg
# The patch is loaded; it waits for a safe point.
send mapped
expect ^patch mapped
send check
expect ^check
send frame
expect ^frame
patch-wait
# The revert is served while the program spins on safe points.
send frame
hcc revert --pid PID
expect ^frame
close

//--- v1.c
#define _GNU_SOURCE
#include <hotpatch.h>
#include <link.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

static pthread_t main_thread;

/* dl_iterate_phdr callback: an object of hcc's patch directory. */
static int is_patch(struct dl_phdr_info *info, size_t size, void *arg) {
  (void)size;
  (void)arg;
  return strstr(info->dlpi_name, "/.hotpatch/patches/") != NULL;
}

/* volatile: callers cannot fold the result into their own code. */
volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 1; }
__attribute__((noinline)) int g(void) { return zero + 1; }

static void on_reload(unsigned long generation, const char *const *changed,
                      size_t count, void *arg) {
  (void)arg;
  printf("hook generation=%lu changed=", generation);
  for (size_t i = 0; i < count; i++)
    printf("%s%s", i ? "," : "", changed[i]);
  printf(" on %s thread\n",
         pthread_equal(pthread_self(), main_thread) ? "the main" : "another");
}

void scenario_command(const char *command) {
  static int started;
  if (!started) {
    started = 1;
    main_thread = pthread_self();
    hotpatch_on_reload(on_reload, NULL);
  }
  if (strcmp(command, "mapped") == 0) {
    while (!dl_iterate_phdr(is_patch, NULL))
      sched_yield();
    printf("patch mapped\n");
  } else if (strcmp(command, "check") == 0) {
    /* No safe point here: whatever is pending, nothing may change. */
    int a = f(), b = g(), changed = 0;
    for (int i = 0; i < 100000; i++)
      changed += f() != a || g() != b;
    printf("check f=%d g=%d changed-between=%d generation=%lu\n", a, b,
           changed, hotpatch_generation());
  } else if (strcmp(command, "frame") == 0) {
    /* Frames until a patch or revert has been published at a safe point. */
    unsigned long before = hotpatch_generation();
    do
      hotpatch_safepoint();
    while (hotpatch_generation() == before);
    printf("frame f=%d g=%d generation=%lu\n", f(), g(),
           hotpatch_generation());
  }
}

//--- v2.c
#define _GNU_SOURCE
#include <hotpatch.h>
#include <link.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

static pthread_t main_thread;

/* dl_iterate_phdr callback: an object of hcc's patch directory. */
static int is_patch(struct dl_phdr_info *info, size_t size, void *arg) {
  (void)size;
  (void)arg;
  return strstr(info->dlpi_name, "/.hotpatch/patches/") != NULL;
}

/* volatile: callers cannot fold the result into their own code. */
volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 2; }
__attribute__((noinline)) int g(void) { return zero + 2; }

/* New in v2: runs once, at the safe point, just before the publication. */
__attribute__((constructor)) static void announce(void) {
  printf("constructor on %s thread, generation %lu\n",
         pthread_equal(pthread_self(), main_thread) ? "the main" : "another",
         hotpatch_generation());
}

static void on_reload(unsigned long generation, const char *const *changed,
                      size_t count, void *arg) {
  (void)arg;
  printf("hook generation=%lu changed=", generation);
  for (size_t i = 0; i < count; i++)
    printf("%s%s", i ? "," : "", changed[i]);
  printf(" on %s thread\n",
         pthread_equal(pthread_self(), main_thread) ? "the main" : "another");
}

void scenario_command(const char *command) {
  static int started;
  if (!started) {
    started = 1;
    main_thread = pthread_self();
    hotpatch_on_reload(on_reload, NULL);
  }
  if (strcmp(command, "mapped") == 0) {
    while (!dl_iterate_phdr(is_patch, NULL))
      sched_yield();
    printf("patch mapped\n");
  } else if (strcmp(command, "check") == 0) {
    /* No safe point here: whatever is pending, nothing may change. */
    int a = f(), b = g(), changed = 0;
    for (int i = 0; i < 100000; i++)
      changed += f() != a || g() != b;
    printf("check f=%d g=%d changed-between=%d generation=%lu\n", a, b,
           changed, hotpatch_generation());
  } else if (strcmp(command, "frame") == 0) {
    /* Frames until a patch or revert has been published at a safe point. */
    unsigned long before = hotpatch_generation();
    do
      hotpatch_safepoint();
    while (hotpatch_generation() == before);
    printf("frame f=%d g=%d generation=%lu\n", f(), g(),
           hotpatch_generation());
  }
}
