// An empty unit (nothing but a comment) is recompiled during a patch while
// an unrelated edit patches logic.c: it contributes nothing and breaks
// nothing.  Built in one command and in separate compiles.
//
// RUN: rm -rf %t && split-file %s %t
// RUN: bash %S/../Inputs/unit-shape.sh %t one-command loop.c empty.c logic.c | FileCheck %s
// RUN: bash %S/../Inputs/unit-shape.sh %t separate loop.c empty.c logic.c | FileCheck %s
//
// CHECK: out: v1 calls=1
// CHECK: hcc: patched logic.c: scenario_command
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v2 calls=2

//--- script
start ./prog
expect ^ready
send go
expect ^v1
sh touch empty.c
copy ../logic.v2.c logic.c
patch
send go
expect ^v2
close

//--- empty.c
/* Nothing here yet. */

//--- logic.v1.c
#include <stdio.h>
static int calls;
void scenario_command(const char *command) {
  (void)command;
  printf("v1 calls=%d\n", ++calls);
}

//--- logic.v2.c
#include <stdio.h>
static int calls;
void scenario_command(const char *command) {
  (void)command;
  printf("v2 calls=%d\n", ++calls);
}
