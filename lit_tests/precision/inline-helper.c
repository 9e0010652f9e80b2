// A small static helper that the optimiser inlined into its callers
// changes: at -O2 and at -O3 the callers are patched too (their final IR
// contains the helper) and run the new code at their next call. The
// helper is reached only through the inlined copies, so a patch of the
// helper alone would leave the output unchanged.
//
// RUN: rm -rf %t && mkdir -p %t/O2/.hotpatch %t/O3/.hotpatch
// RUN: split-file %s %t/O2 && split-file %s %t/O3
// RUN: cd %t/O2 && cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// The helper really was inlined: its callers call nothing.
// RUN: llvm-objdump -d --no-show-raw-insn lib.o | FileCheck %s --check-prefix=INLINED
// RUN: %drive script | FileCheck %s
// RUN: cd %t/O3 && cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O3 -c loop.c -o loop.o && %hcc -O3 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: llvm-objdump -d --no-show-raw-insn lib.o | FileCheck %s --check-prefix=INLINED
// RUN: %drive script | FileCheck %s
//
// INLINED-LABEL: <area.hp.impl>:
// INLINED-NOT: call
// INLINED: ret
// INLINED-LABEL: <perimeter.hp.impl>:
// INLINED-NOT: call
// INLINED: ret
//
// CHECK: out: area=6 perimeter=10
// CHECK: hcc: module lib.c:lib.o
// CHECK-DAG: hcc:   changed area
// CHECK-DAG: hcc:   changed perimeter
// CHECK: hcc: patched lib.c: {{.*}}(generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: area=600 perimeter=100
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^area
copy v2.c lib.c
patch --verbose
send go
expect ^area
close

//--- v1.c
#include <stdio.h>
static int scale(int v) { return v; }
int area(int w, int h) { return scale(w) * scale(h); }
int perimeter(int w, int h) { return 2 * (scale(w) + scale(h)); }
void scenario_command(const char *command) {
  (void)command;
  /* Through pointers, so that scenario_command does not inline them. */
  int (*volatile a)(int, int) = area, (*volatile p)(int, int) = perimeter;
  printf("area=%d perimeter=%d\n", a(2, 3), p(2, 3));
}

//--- v2.c
#include <stdio.h>
static int scale(int v) { return v * 10; }
int area(int w, int h) { return scale(w) * scale(h); }
int perimeter(int w, int h) { return 2 * (scale(w) + scale(h)); }
void scenario_command(const char *command) {
  (void)command;
  /* Through pointers, so that scenario_command does not inline them. */
  int (*volatile a)(int, int) = area, (*volatile p)(int, int) = perimeter;
  printf("area=%d perimeter=%d\n", a(2, 3), p(2, 3));
}
