// A unit that defines only data (`int total = 1000;`) is recompiled during
// a patch (its timestamp is newer than its compile) while an unrelated
// edit patches logic.c: the data unit compiles to nothing to apply (it
// once crashed the plugin), the edit applies, and `total` keeps counting
// from its value.  Built in one command and in separate compiles.
//
// RUN: rm -rf %t && split-file %s %t
// RUN: bash %S/../Inputs/unit-shape.sh %t one-command loop.c data.c logic.c | FileCheck %s
// RUN: bash %S/../Inputs/unit-shape.sh %t separate loop.c data.c logic.c | FileCheck %s
//
// CHECK: out: v1 total=1001
// CHECK: hcc: patched logic.c: scenario_command
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v2 total=1002

//--- script
start ./prog
expect ^ready
send go
expect ^v1
sh touch data.c
copy ../logic.v2.c logic.c
patch
send go
expect ^v2
close

//--- data.c
int total = 1000;

//--- logic.v1.c
#include <stdio.h>
extern int total;
void scenario_command(const char *command) {
  (void)command;
  printf("v1 total=%d\n", ++total);
}

//--- logic.v2.c
#include <stdio.h>
extern int total;
void scenario_command(const char *command) {
  (void)command;
  printf("v2 total=%d\n", ++total);
}
