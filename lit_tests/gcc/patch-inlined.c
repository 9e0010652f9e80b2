// A static helper that gcc inlined into its callers at -O2 changes: the
// callers are patched too (their final GIMPLE contains the helper, so
// their hashes changed) and run the new code at their next call.  The
// helper is reached only through the inlined copies, so a patch of the
// helper alone would leave the output unchanged.  The caller that did not
// change (scenario_command) is not patched, and the function pointers it
// holds keep pointing at the program's stubs.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc-gcc -O2 -c loop.c -o loop.o && %hcc-gcc -O2 -c lib.c -o lib.o
// RUN: %hcc-gcc loop.o lib.o -o prog
// The helper really was inlined: its callers call nothing.
// RUN: objdump -d --no-show-raw-insn lib.o | FileCheck %s --check-prefix=INLINED
// RUN: %drive script | FileCheck %s
//
// INLINED-LABEL: <area.hp.impl>:
// INLINED-NOT: call
// INLINED: ret
// INLINED-LABEL: <perimeter.hp.impl>:
// INLINED-NOT: call
// INLINED: ret
//
// CHECK: out: area=6 perimeter=10 area-at=[[AREA:0x[0-9a-f]+]]
// CHECK: hcc: module lib.c:lib.o
// CHECK-DAG: hcc:   changed area
// CHECK-DAG: hcc:   changed perimeter
// CHECK-NOT: changed scenario_command
// CHECK: hcc: patched lib.c: {{.*}}(generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: area=600 perimeter=100 area-at=[[AREA]]
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
  printf("area=%d perimeter=%d area-at=%p\n", a(2, 3), p(2, 3), (void *)a);
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
  printf("area=%d perimeter=%d area-at=%p\n", a(2, 3), p(2, 3), (void *)a);
}
