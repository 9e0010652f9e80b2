// A function with a static local is renamed (render becomes render_v2, and
// its caller calls the new name). A fresh build has no render, so nothing
// ties render_v2's `count` to render's: it starts at its initial value,
// and hcc says so; render's count is left alone (reverting brings it back).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: count=1
// CHECK-NEXT: out: count=2
// CHECK: hcc: patched lib.c: scenario_command, render_v2 (new) (generation 1,
// CHECK-NEXT: hcc: note: render_v2 is new: its static local 'count' starts at its initial value (a renamed function's statics are not carried over)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: count=1001
// CHECK-NEXT: out: count=1002
// CHECK: hcc: reverted to generation 0
// CHECK: out: count=3
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^count
send go
expect ^count
copy v2.c lib.c
patch
send go
expect ^count
send go
expect ^count
hcc revert --pid PID
send go
expect ^count
close

//--- v1.c
#include <stdio.h>
int render(void) { static int count; return ++count; }
void scenario_command(const char *command) {
  (void)command;
  printf("count=%d\n", render());
}

//--- v2.c
#include <stdio.h>
int render_v2(void) { static int count = 1000; return ++count; }
void scenario_command(const char *command) {
  (void)command;
  printf("count=%d\n", render_v2());
}
