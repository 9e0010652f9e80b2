// A function the optimiser inferred to be pure (it only reads its
// argument) is called three times with the same argument; at -O2 and -O3
// the caller keeps one call and reuses the result. The function changes to
// count its calls in a global: a fresh build calls it three times, so the
// caller, whose text did not change, must be patched too. The callee is
// `noinline`, so this is about the caller's use of the inferred
// `memory(none)`, not about inlining.
//
// RUN: rm -rf %t && mkdir -p %t/O2/.hotpatch %t/O3/.hotpatch
// RUN: split-file %s %t/O2 && split-file %s %t/O3
// RUN: cd %t/O2 && cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
// RUN: cd %t/O3 && cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O3 -c loop.c -o loop.o && %hcc -O3 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: sum=21 calls=0
// CHECK: hcc: module lib.c:lib.o
// CHECK-DAG: hcc:   changed lib.c:lib.o:triple
// CHECK-DAG: hcc:   changed sum3
// CHECK: hcc: patched lib.c: {{.*}}(generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: sum=21 calls=3
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^sum
copy v2.c lib.c
patch --verbose
send go
expect ^sum
close

//--- v1.c
#include <stdio.h>
int calls;
__attribute__((noinline)) static int triple(int v) { return v * 7; }
int sum3(int v) { return triple(v) + triple(v) + triple(v); }
void scenario_command(const char *command) {
  (void)command;
  int (*volatile f)(int) = sum3;
  calls = 0;
  int s = f(1);
  printf("sum=%d calls=%d\n", s, calls);
}

//--- v2.c
#include <stdio.h>
int calls;
__attribute__((noinline)) static int triple(int v) { calls++; return v * 7; }
int sum3(int v) { return triple(v) + triple(v) + triple(v); }
void scenario_command(const char *command) {
  (void)command;
  int (*volatile f)(int) = sum3;
  calls = 0;
  int s = f(1);
  printf("sum=%d calls=%d\n", s, calls);
}
