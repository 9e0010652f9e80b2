// A unit whose only definition is an __attribute__((constructor)) is
// recompiled during a patch while an unrelated edit patches logic.c: the
// constructor ran once at start-up and does not run again for the patch
// (its copy in the patch is an existing constructor).  Built in one
// command and in separate compiles.
//
// RUN: rm -rf %t && split-file %s %t
// RUN: bash %S/../Inputs/unit-shape.sh %t one-command loop.c ctor.c logic.c | FileCheck %s
// RUN: bash %S/../Inputs/unit-shape.sh %t separate loop.c ctor.c logic.c | FileCheck %s
//
// CHECK: out: v1 constructor_runs=1
// CHECK: hcc: patched logic.c: scenario_command
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v2 constructor_runs=1

//--- script
start ./prog
expect ^ready
send go
expect ^v1
sh touch ctor.c
copy ../logic.v2.c logic.c
patch
send go
expect ^v2
close

//--- ctor.c
extern int constructor_runs;
__attribute__((constructor)) static void count_start(void) { constructor_runs++; }

//--- logic.v1.c
#include <stdio.h>
int constructor_runs;
void scenario_command(const char *command) {
  (void)command;
  printf("v1 constructor_runs=%d\n", constructor_runs);
}

//--- logic.v2.c
#include <stdio.h>
int constructor_runs;
void scenario_command(const char *command) {
  (void)command;
  printf("v2 constructor_runs=%d\n", constructor_runs);
}
