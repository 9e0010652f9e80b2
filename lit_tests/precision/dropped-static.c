// A static function that the optimiser inlined into every caller, and whose
// address nothing takes, has no out-of-line body in the object (only its
// static local is kept: DropInlined.cpp). An edit makes a caller call it
// out of line (through a pointer): the patch ships it as a new function,
// which counts on from the program's static local (matched by owner), and
// the callers that inlined it keep counting in the same variable. A static
// function the source marks `used` (it may be referenced where the
// optimiser cannot see) is kept, inlined everywhere or not.  A gcc build
// keeps every static function's body (its slot holds it), so there the
// patch only changes the caller, and tick's static local is the same.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %if compiler-clang %{ llvm-nm lib.o | FileCheck %s --check-prefix=NM %}
// RUN: %hcc -O2 -c used.c -o used.o && llvm-nm used.o | FileCheck %s --check-prefix=USED
// RUN: %drive script | FileCheck %s --check-prefixes=CHECK,%compiler-prefix
//
// NM-NOT: {{ tick(\.hp\.impl|\.hp\.slot)?$}}
// NM: {{ b tick.calls$}}
// NM-NOT: {{ tick(\.hp\.impl|\.hp\.slot)?$}}
//
// USED-DAG: {{ t kept$}}
// USED-DAG: {{ t kept.hp.impl$}}
//
// CHECK: out: one=1 ten=11
// CHECK-NEXT: out: one=12 ten=22
// CLANG: hcc: patched lib.c: scenario_command, tick (new) (generation 1,
// GCC: hcc: patched lib.c: scenario_command (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: one=23 ten=33 tick=133
// CHECK-NEXT: out: one=134 ten=144 tick=244
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^one
send go
expect ^one
copy v2.c lib.c
patch
send go
expect ^one
send go
expect ^one
close

//--- v1.c
#include <stdio.h>
static int tick(int step) {
  static int calls;
  calls += step;
  return calls;
}
int count_one(void) { return tick(1); }
int count_ten(void) { return tick(10); }
void scenario_command(const char *command) {
  (void)command;
  int (*volatile one)(void) = count_one, (*volatile ten)(void) = count_ten;
  int a = one();
  printf("one=%d ten=%d\n", a, ten());
}

//--- v2.c
#include <stdio.h>
static int tick(int step) {
  static int calls;
  calls += step;
  return calls;
}
int count_one(void) { return tick(1); }
int count_ten(void) { return tick(10); }
void scenario_command(const char *command) {
  (void)command;
  int (*volatile one)(void) = count_one, (*volatile ten)(void) = count_ten;
  int (*volatile out_of_line)(int) = tick;
  int a = one();
  int b = ten();
  printf("one=%d ten=%d tick=%d\n", a, b, out_of_line(100));
}

//--- used.c
__attribute__((used)) static int kept(void) { return 1; }
int use_kept(void) { return kept(); }
