// Where hcc call runs the function: in immediate mode (the default) on the
// runtime's control thread, at once; under HOTPATCH_MODE=safepoint on the
// program's own thread that next calls hotpatch_safepoint(), like a patch.
// A program that reaches no safe point in HOTPATCH_SAFEPOINT_TIMEOUT gets
// nothing called, and hcc says so.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c
// RUN: %hcc -O2 loop.c threads.c -o prog
// RUN: %drive script | FileCheck %s
//
// Immediate: not on the thread that runs the program's commands.
// CHECK: out: remembered
// CHECK-NEXT: {{^}}false{{$}}
// CHECK-NEXT: hcc exit=0
// Safe point: on that thread, inside hotpatch_safepoint(); mark() also
// ends the loop that waits for it.
// CHECK: out: remembered
// CHECK-NEXT: {{^}}true{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: out: spun
// No safe point in time: not called.
// CHECK: hcc: error: process {{[0-9]+}}: did not call 'mark': the program did not reach hotpatch_safepoint() within 0.2 s (HOTPATCH_MODE=safepoint); nothing was changed
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: out: marked=0
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send remember
expect ^remembered
hcc call --pid PID on_program_thread
close
start env HOTPATCH_MODE=safepoint ./prog
expect ^ready
send remember
expect ^remembered
send spin
hcc call --pid PID mark
expect ^spun
close
start env HOTPATCH_MODE=safepoint HOTPATCH_SAFEPOINT_TIMEOUT=0.2 ./prog
expect ^ready
hcc call --pid PID mark
send show
expect ^marked
close

//--- threads.c
#include <hotpatch.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static pthread_t program_thread;
static volatile int marked;

bool on_program_thread(void) {
  return pthread_equal(pthread_self(), program_thread);
}

bool mark(void) {
  marked = 1;
  return on_program_thread();
}

void scenario_command(const char *command) {
  if (strcmp(command, "remember") == 0) {
    program_thread = pthread_self();
    printf("remembered\n");
  } else if (strcmp(command, "spin") == 0) {
    while (!marked)
      hotpatch_safepoint();
    printf("spun\n");
  } else if (strcmp(command, "show") == 0) {
    printf("marked=%d\n", marked);
  }
}
