// A unit that defines only constants (a const table, a const string, a
// const struct) is recompiled during a patch while an unrelated edit
// patches logic.c, which reads them: the constants stay as they were and
// readable from old and new code.  Built in one command and in separate
// compiles.
//
// RUN: rm -rf %t && split-file %s %t
// RUN: bash %S/../Inputs/unit-shape.sh %t one-command loop.c constants.c logic.c | FileCheck %s
// RUN: bash %S/../Inputs/unit-shape.sh %t separate loop.c constants.c logic.c | FileCheck %s
//
// CHECK: out: v1 hello 10+20+30 w=640
// CHECK: hcc: patched logic.c: scenario_command
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v2 hello 60 h=480

//--- script
start ./prog
expect ^ready
send go
expect ^v1
sh touch constants.c
copy ../logic.v2.c logic.c
patch
send go
expect ^v2
close

//--- constants.c
struct size { int w, h; };
const int limits[3] = {10, 20, 30};
const char greeting[] = "hello";
const struct size screen = {640, 480};

//--- logic.v1.c
#include <stdio.h>
struct size { int w, h; };
extern const int limits[3];
extern const char greeting[];
extern const struct size screen;
void scenario_command(const char *command) {
  (void)command;
  printf("v1 %s %d+%d+%d w=%d\n", greeting, limits[0], limits[1], limits[2], screen.w);
}

//--- logic.v2.c
#include <stdio.h>
struct size { int w, h; };
extern const int limits[3];
extern const char greeting[];
extern const struct size screen;
void scenario_command(const char *command) {
  (void)command;
  printf("v2 %s %d h=%d\n", greeting, limits[0] + limits[1] + limits[2], screen.h);
}
