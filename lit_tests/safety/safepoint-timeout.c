// hotpatch_set_mode(HOTPATCH_MODE_SAFEPOINT) from the program: a patch
// that meets no safe point within HOTPATCH_SAFEPOINT_TIMEOUT is refused
// with a message saying so, and nothing changed (the old code runs, the
// generation is 0).  Back in immediate mode the same edit applies at once.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s

// CHECK: out: mode safepoint rc=0
// CHECK: hcc: error: {{.*}}the program did not reach hotpatch_safepoint() within 0.2 s (HOTPATCH_MODE=safepoint); nothing was changed
// CHECK: patch exit=1
// CHECK: out: f=1 generation=0
// CHECK: out: mode immediate rc=0
// CHECK: hcc: patched lib.c: f{{.*}}(generation 1,
// CHECK-NEXT: patch exit=0
// CHECK: out: f=2 generation=1
// CHECK: exit=0

//--- script
start env HOTPATCH_SAFEPOINT_TIMEOUT=0.2 ./prog
expect ^ready
send safepoint
expect ^mode
copy v2.c lib.c
patch
send call
expect ^f=
send immediate
expect ^mode
patch
send call
expect ^f=
close

//--- v1.c
#include <hotpatch.h>
#include <stdio.h>
#include <string.h>

volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 1; }

void scenario_command(const char *command) {
  if (strcmp(command, "safepoint") == 0)
    printf("mode safepoint rc=%d\n", hotpatch_set_mode(HOTPATCH_MODE_SAFEPOINT));
  else if (strcmp(command, "immediate") == 0)
    printf("mode immediate rc=%d\n", hotpatch_set_mode(HOTPATCH_MODE_IMMEDIATE));
  else if (strcmp(command, "call") == 0)
    printf("f=%d generation=%lu\n", f(), hotpatch_generation());
}

//--- v2.c
#include <hotpatch.h>
#include <stdio.h>
#include <string.h>

volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 2; }

void scenario_command(const char *command) {
  if (strcmp(command, "safepoint") == 0)
    printf("mode safepoint rc=%d\n", hotpatch_set_mode(HOTPATCH_MODE_SAFEPOINT));
  else if (strcmp(command, "immediate") == 0)
    printf("mode immediate rc=%d\n", hotpatch_set_mode(HOTPATCH_MODE_IMMEDIATE));
  else if (strcmp(command, "call") == 0)
    printf("f=%d generation=%lu\n", f(), hotpatch_generation());
}
