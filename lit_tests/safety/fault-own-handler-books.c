// A fault in a patch, recovered by the program's own handler (no
// HOTPATCH_RESUME_POINT): the runtime reverts the faulting generation in
// its handler, and the books (history, registry, generation) must follow,
// or the next patch records the faulting code as the one to go back to.
// Here: v2 applied (generation 1), v3 faults (generation 2, reverted to 1
// in the handler, the program's handler recovers), v4 applied on top;
// then two reverts must run v2 and v1 again, never v3.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O1 -c loop.c -o loop.o && %hcc -O1 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s

// CHECK: out: f=10 generation=0
// CHECK: patched lib.c: {{.*}}(generation 1,
// CHECK: out: f=20 generation=1
// CHECK: patched lib.c: {{.*}}(generation 2,
// CHECK: out: recovered from SIGFPE
// The handler lowered the generation: no request has settled the books yet.
// Two applies and the revert: counted once, by the handler.
// CHECK-NEXT: out: f=20 generation=1 reloads=3{{$}}
// CHECK-NEXT: hcc: patched lib.c: {{.*}}(generation 2,
// CHECK: out: f=40 generation=2
// The settled revert was not counted again: 3 + the apply of v4.
// CHECK-NEXT: out: f=40 generation=2 reloads=4{{$}}
// CHECK-NEXT: hcc: reverted to generation 1
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: out: f=20 generation=1
// CHECK-NEXT: hcc: reverted to generation 0
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: out: f=10 generation=0
// CHECK-NEXT: out: bye
// The program's stderr comes last: one fault, never a second one.
// CHECK-NEXT: err: hotpatch: patched function 'f' (generation 2) faulted with SIGFPE
// CHECK-NEXT: err: hotpatch: reverted to generation 1
// CHECK-NEXT: err: hotpatch: no resume point on this thread; passing SIGFPE to the program's handler
// CHECK-NEXT: exit=0

//--- script
start ./prog
expect ^ready
send call
expect ^f=
copy v2.c lib.c
patch
send call
expect ^f=
copy v3.c lib.c
patch
send call
expect ^recovered
send value
expect ^f=
copy v4.c lib.c
patch
send call
expect ^f=
send value
expect ^f=
hcc revert --pid PID
send call
expect ^f=
hcc revert --pid PID
send call
expect ^f=
close

//--- common.h
#ifndef _GNU_SOURCE /* g++ defines it (lit --param language=c++) */
#define _GNU_SOURCE
#endif
#include <hotpatch.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

volatile int zero;
int f(void);

static sigjmp_buf recover;
static void on_fpe(int sig) { siglongjmp(recover, sig); }

/* The program's own handler, installed before any patch. */
__attribute__((constructor)) static void install(void) {
  struct sigaction action = {0};
  action.sa_handler = on_fpe;
  sigemptyset(&action.sa_mask);
  sigaction(SIGFPE, &action, NULL);
}

void scenario_command(const char *command) {
  if (sigsetjmp(recover, 1) != 0) {
    printf("recovered from SIGFPE\n");
    return;
  }
  if (strcmp(command, "call") == 0)
    printf("f=%d generation=%lu\n", f(), hotpatch_generation());
  else if (strcmp(command, "value") == 0) /* right after the fault */
    printf("f=%d generation=%lu reloads=%lu\n", f(), hotpatch_generation(),
           hotpatch_reload_count());
}

//--- v1.c
#include "common.h"
__attribute__((noinline)) int f(void) { return 10 + zero; }

//--- v2.c
#include "common.h"
__attribute__((noinline)) int f(void) { return 20 + zero; }

//--- v3.c
#include "common.h"
__attribute__((noinline)) int f(void) { return 30 / zero; }

//--- v4.c
#include "common.h"
__attribute__((noinline)) int f(void) { return 40 + zero; }
