// A unit of declarations only (externs, prototypes, types, an enum) is
// recompiled during a patch while an unrelated edit patches logic.c.
// Built in one command and in separate compiles.
//
// RUN: rm -rf %t && split-file %s %t
// RUN: bash %S/../Inputs/unit-shape.sh %t one-command loop.c decls.c logic.c | FileCheck %s
// RUN: bash %S/../Inputs/unit-shape.sh %t separate loop.c decls.c logic.c | FileCheck %s
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
sh touch decls.c
copy ../logic.v2.c logic.c
patch
send go
expect ^v2
close

//--- decls.c
#include <stdio.h>
extern int calls;
extern __thread int per_thread;
int twice(int x);
void scenario_command(const char *command);
struct point { int x, y; };
typedef struct point point;
enum colour { RED, GREEN };
static const int unused_limit = 3; /* folded away: never emitted */

//--- logic.v1.c
#include <stdio.h>
int calls;
void scenario_command(const char *command) {
  (void)command;
  printf("v1 calls=%d\n", ++calls);
}

//--- logic.v2.c
#include <stdio.h>
int calls;
void scenario_command(const char *command) {
  (void)command;
  printf("v2 calls=%d\n", ++calls);
}
