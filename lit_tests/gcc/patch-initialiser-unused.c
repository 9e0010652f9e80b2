// A changed constant table of function pointers is the patch's own copy,
// filled by the patch-init function (patch-initialiser.c).  A later patch
// of the same file (here: the initialiser of a mutable static, whose value
// is kept, and the external constant `version`, which every patch of the
// file updates again) still sees the table changed, as the program's copy
// has the old content, while none of its code reads it: run was patched
// before and is unchanged since.  gcc -O2 then drops the unused copy, and
// the patch-init function must not store into it (it did, and the patch
// failed to link on the undefined table).  Each patch applies at -O0 and
// -O2, run keeps calling the table of the first patch, and calls counts
// on from its value (not 5).
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c
// RUN: for o in O0 O2; do \
// RUN:   cp v1.c ops.c && %hcc-gcc -$o -c ops.c -o ops.o && \
// RUN:   %hcc-gcc -$o -c loop.c -o loop.o && %hcc-gcc loop.o ops.o -o prog && \
// RUN:   %drive script > $o.txt 2>&1 || { cat $o.txt; exit 1; }; \
// RUN: done
// RUN: FileCheck %s < O0.txt
// RUN: FileCheck %s < O2.txt
//
// CHECK: out: ops=2 sum=8 version=1 calls=1
// CHECK: hcc: patched ops.c: run, {{.*}}version (constant)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: ops=3 sum=12 version=2 calls=2
// CHECK: hcc: patched ops.c: version (constant)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: ops=3 sum=12 version=2 calls=3
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^ops
copy v2.c ops.c
patch
send go
expect ^ops
copy v3.c ops.c
patch
send go
expect ^ops
close

//--- v1.c
#include <stdio.h>
int add(int a, int b) { return a + b; }
int sub(int a, int b) { return a - b; }
int mul(int a, int b) { return a * b; }
static int (*const ops[])(int, int) = {add, sub};
const int version = 1;
static int calls;
int run(int a, int b) {
  int s = 0;
  for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++)
    s += ops[i](a, b);
  return s;
}
void scenario_command(const char *command) {
  (void)command;
  printf("ops=%d sum=%d version=%d calls=%d\n",
         (int)(sizeof ops / sizeof ops[0]), run(4, 1), version, ++calls);
}

//--- v2.c
#include <stdio.h>
int add(int a, int b) { return a + b; }
int sub(int a, int b) { return a - b; }
int mul(int a, int b) { return a * b; }
static int (*const ops[])(int, int) = {add, sub, mul};
const int version = 2;
static int calls;
int run(int a, int b) {
  int s = 0;
  for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++)
    s += ops[i](a, b);
  return s;
}
void scenario_command(const char *command) {
  (void)command;
  printf("ops=%d sum=%d version=%d calls=%d\n",
         (int)(sizeof ops / sizeof ops[0]), run(4, 1), version, ++calls);
}

//--- v3.c
#include <stdio.h>
int add(int a, int b) { return a + b; }
int sub(int a, int b) { return a - b; }
int mul(int a, int b) { return a * b; }
static int (*const ops[])(int, int) = {add, sub, mul};
const int version = 2;
static int calls = 5;
int run(int a, int b) {
  int s = 0;
  for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++)
    s += ops[i](a, b);
  return s;
}
void scenario_command(const char *command) {
  (void)command;
  printf("ops=%d sum=%d version=%d calls=%d\n",
         (int)(sizeof ops / sizeof ops[0]), run(4, 1), version, ++calls);
}
