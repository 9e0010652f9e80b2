// What gcc patches cannot do yet: a constant or a new global whose
// initial value holds the address of something the program has (here a
// new table of the unit's existing functions) would need the patch-init
// step of clang patches.  gcc refuses it in patch mode with a message
// naming both and what to do (hcc patch exit 4); nothing is applied.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc-gcc -O0 -c loop.c -o loop.o && %hcc-gcc -O0 -c lib.c -o lib.o
// RUN: %hcc-gcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: v1 one=1
// CHECK: error: hotpatch: cannot patch 'table' of lib.c: its initial value holds the address of 'one', which the running program has, and patches of gcc builds cannot fill such addresses yet; restart the program to use this change
// CHECK: patch exit=4
// CHECK-NEXT: out: v1 one=1
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^v1
copy v2.c lib.c
patch
send go
expect ^v1
close

//--- v1.c
#include <stdio.h>
int one(void) { return 1; }
void scenario_command(const char *command) {
  (void)command;
  printf("v1 one=%d\n", one());
}

//--- v2.c
#include <stdio.h>
int one(void) { return 1; }
static int (*const table[])(void) = {one};
void scenario_command(const char *command) {
  (void)command;
  printf("v2 one=%d\n", table[0]());
}
