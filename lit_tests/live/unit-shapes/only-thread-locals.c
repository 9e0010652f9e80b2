// A unit that defines only thread-locals (one initialised, one zero) is
// recompiled during a patch while an unrelated edit patches
// logic.c, which counts in them: the counts go on in the original storage.
// Built in one command and in separate compiles.
//
// RUN: rm -rf %t && split-file %s %t
// RUN: bash %S/../Inputs/unit-shape.sh %t one-command loop.c tls.c logic.c | FileCheck %s
// RUN: bash %S/../Inputs/unit-shape.sh %t separate loop.c tls.c logic.c | FileCheck %s
//
// CHECK: out: v1 counted=6 zero=1
// CHECK: hcc: patched logic.c: scenario_command
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v2 counted=16 zero=11

//--- script
start ./prog
expect ^ready
send go
expect ^v1
sh touch tls.c
copy ../logic.v2.c logic.c
patch
send go
expect ^v2
close

//--- tls.c
_Thread_local int counted = 5;
_Thread_local int zero;

//--- logic.v1.c
#include <stdio.h>
extern _Thread_local int counted, zero;
void scenario_command(const char *command) {
  (void)command;
  counted += 1;
  zero += 1;
  printf("v1 counted=%d zero=%d\n", counted, zero);
}

//--- logic.v2.c
#include <stdio.h>
extern _Thread_local int counted, zero;
void scenario_command(const char *command) {
  (void)command;
  counted += 10;
  zero += 10;
  printf("v2 counted=%d zero=%d\n", counted, zero);
}
