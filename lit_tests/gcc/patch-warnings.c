// The warnings of a gcc patch compile are shown, not counted away: the GCC
// plugin's patch summary has no lines of the changed functions for hcc to
// pick the warnings of the patch from (clang's does: live/quiet-warnings.c),
// and counting them all would hide the ones of the function just edited.
// The edit adds an unused variable to the changed function; the untouched
// function keeps its own warning.  Both show, and nothing is counted.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc-gcc -O2 -Wall -c loop.c -o loop.o && %hcc-gcc -O2 -Wall -c lib.c -o lib.o
// RUN: %hcc-gcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s --implicit-check-not='more warning'
//
// CHECK: out: v1
// CHECK-DAG: lib.c:3:{{[0-9]+}}: warning: unused variable {{.*}}untouched
// CHECK-DAG: lib.c:8:{{[0-9]+}}: warning: unused variable {{.*}}in_changed
// CHECK: hcc: patched lib.c: scenario_command (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v2

//--- script
start ./prog
expect ^ready
send go
expect ^v1
copy v2.c lib.c
patch
send go
expect ^v2
close

//--- v1.c
#include <stdio.h>
__attribute__((noinline)) void untouched(void) {
  int untouched;
  puts("untouched");
}
void scenario_command(const char *command) {
  (void)command;
  puts("v1");
}

//--- v2.c
#include <stdio.h>
__attribute__((noinline)) void untouched(void) {
  int untouched;
  puts("untouched");
}
void scenario_command(const char *command) {
  (void)command;
  int in_changed;
  puts("v2");
}
