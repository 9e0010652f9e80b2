// A unit whose functions are all inlined away at -O2: static helpers called
// only from a constructor (inlined into it) and header-style static inline
// functions nobody calls (never emitted).  It is recompiled during a patch
// while an unrelated edit patches logic.c; the constructor's result stays
// and the constructor does not run again.  Built in one command and in
// separate compiles.
//
// RUN: rm -rf %t && split-file %s %t
// RUN: bash %S/../Inputs/unit-shape.sh %t one-command loop.c inlined.c logic.c | FileCheck %s
// RUN: bash %S/../Inputs/unit-shape.sh %t separate loop.c inlined.c logic.c | FileCheck %s
//
// 1 + 4 + 9 + 16 = 30, computed once at start-up.
// CHECK: out: v1 squares=30
// CHECK: hcc: patched logic.c: scenario_command
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v2 squares=30 twice=60

//--- script
start ./prog
expect ^ready
send go
expect ^v1
sh touch inlined.c
copy ../logic.v2.c logic.c
patch
send go
expect ^v2
close

//--- inlined.c
extern int squares;
static inline int unused_min(int a, int b) { return a < b ? a : b; }
static int square(int x) { return x * x; }
static int sum_squares(int n) {
  int sum = 0;
  for (int i = 1; i <= n; i++)
    sum += square(i);
  return sum;
}
__attribute__((constructor)) static void compute(void) { squares += sum_squares(4); }

//--- logic.v1.c
#include <stdio.h>
int squares;
void scenario_command(const char *command) {
  (void)command;
  printf("v1 squares=%d\n", squares);
}

//--- logic.v2.c
#include <stdio.h>
int squares;
void scenario_command(const char *command) {
  (void)command;
  printf("v2 squares=%d twice=%d\n", squares, 2 * squares);
}
