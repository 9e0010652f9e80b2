// Static locals of a gcc build that the plugin must see although gcc
// enters them in its symbol table only when it lowers their function, at
// -O0 and -O2:
// - a read-only table of function pointers: its entries are the stubs, so
//   a call through it reaches the patched add and sub (5+3+100, 5-3+100);
//   holding the impls, it ran the old code for ever at -O0;
// - a static local the build never writes: a constant (docs/design.md,
//   "Static locals only read are constants"), which the program has at
//   -O0 (hcc inspect lists it) and gcc folds away at -O2, so the patch that
//   first writes it defines it, starting at its initial value, and hcc
//   says so.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c
// RUN: for o in O0 O2; do \
// RUN:   cp v1.c ops.c && %hcc-gcc -$o -c ops.c -o ops.o && \
// RUN:   %hcc-gcc -$o -c loop.c -o loop.o && %hcc-gcc loop.o ops.o -o prog && \
// RUN:   %hcc inspect prog > $o.txt && \
// RUN:   %drive script >> $o.txt 2>&1 || { cat $o.txt; exit 1; }; \
// RUN: done
// RUN: FileCheck %s --check-prefixes=CHECK,O0 < O0.txt
// RUN: FileCheck %s --check-prefixes=CHECK,O2 < O2.txt
//
// O0: constant {{.*}} ops.c:{{.*}}scenario_command.mode
// O2-NOT: scenario_command.mode
// CHECK: out: add=8 sub=2 mode=1
// CHECK: hcc: patched ops.c: add, sub
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: add=108 sub=102 mode=1
// CHECK: hcc: note: new static local 'mode' in scenario_command starts at its initial value
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: add=108 sub=102 mode=7
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send show
expect ^add
copy v2.c ops.c
patch
send show
expect ^add
copy v3.c ops.c
patch
send set
send show
expect ^add
close

//--- v1.c
#include <stdio.h>
#include <string.h>
int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
void scenario_command(const char *command) {
  static int (*const ops[])(int, int) = {add, sub};
  static int mode = 1;
  if (strcmp(command, "set") == 0)
    return;
  printf("add=%d sub=%d mode=%d\n", ops[0](5, 3), ops[1](5, 3), mode);
}

//--- v2.c
#include <stdio.h>
#include <string.h>
int add(int a, int b) { return a + b + 100; }
static int sub(int a, int b) { return a - b + 100; }
void scenario_command(const char *command) {
  static int (*const ops[])(int, int) = {add, sub};
  static int mode = 1;
  if (strcmp(command, "set") == 0)
    return;
  printf("add=%d sub=%d mode=%d\n", ops[0](5, 3), ops[1](5, 3), mode);
}

//--- v3.c
#include <stdio.h>
#include <string.h>
int add(int a, int b) { return a + b + 100; }
static int sub(int a, int b) { return a - b + 100; }
void scenario_command(const char *command) {
  static int (*const ops[])(int, int) = {add, sub};
  static int mode = 1;
  if (strcmp(command, "set") == 0) {
    mode = 7;
    return;
  }
  printf("add=%d sub=%d mode=%d\n", ops[0](5, 3), ops[1](5, 3), mode);
}
