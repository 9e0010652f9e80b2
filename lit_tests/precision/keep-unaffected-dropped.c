// twice is static and inlined everywhere, so the build drops it; what the
// build recorded of it calls double_it once and adds the result to itself,
// because double_it was inferred to read no memory. The edit changes
// plus_one, which inlines twice, and makes double_it count its calls: twice's
// own code did not change, nor did anything inlined into it, so the patch
// compile may give plus_one the body the build recorded for twice
// (docs/design.md, "Unaffected callers") -- but that body relies on
// double_it reading no memory. The compile sees double_it come out of the
// inliner's walk with other memory effects as the walk reaches twice (given
// its recorded body, which calls double_it), refuses with kind "retry"
// there (skipping the rest of the compile), and
// hcc compiles the unit again keeping nothing unaffected: plus_one then
// calls double_it twice, as a fresh build does.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: llvm-nm-19 lib.o | FileCheck %s --check-prefix=DROPPED
// RUN: %drive script | FileCheck %s
//
// DROPPED-NOT: twice
// CHECK: out: plus_one=13 calls=0
// CHECK: hcc: compiled again, keeping nothing unaffected and parsing every body: lib.c: the optimiser inferred other memory effects for {{[_A-Za-z0-9]*}}double_it{{[A-Za-z0-9]*}} than the build did, seen as the inliner's walk reached its caller {{[_A-Za-z0-9]*}}twice{{[A-Za-z0-9]*$}}
// CHECK: hcc: module lib.c:lib.o
// CHECK-DAG: hcc:   changed double_it
// CHECK-DAG: hcc:   changed plus_one
// CHECK: hcc: patched lib.c: {{.*}}(generation 1,
// CHECK: out: plus_one=14 calls=2
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^out
copy v2.c lib.c
patch --verbose
send go
expect ^out
close

//--- v1.c
#include <stdio.h>
int calls;
__attribute__((noinline)) int double_it(int x) { return x * 2; }
static int twice(int x) { return double_it(x) + double_it(x); }
int plus_one(int x) { return twice(x) + 1; }
void scenario_command(const char *command) {
  (void)command;
  int (*volatile p)(int) = plus_one;
  int r = p(3);
  printf("out: plus_one=%d calls=%d\n", r, calls);
}

//--- v2.c
#include <stdio.h>
int calls;
__attribute__((noinline)) int double_it(int x) {
  calls++;
  return x * 2;
}
static int twice(int x) { return double_it(x) + double_it(x); }
int plus_one(int x) { return twice(x) + 2; }
void scenario_command(const char *command) {
  (void)command;
  int (*volatile p)(int) = plus_one;
  int r = p(3);
  printf("out: plus_one=%d calls=%d\n", r, calls);
}
