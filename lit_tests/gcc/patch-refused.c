// hcc patch on a program built by hcc-gcc: gcc builds cannot be patched
// yet (docs/design.md, "GCC"), so it says so in one line naming the unit
// and exits 1 without compiling or applying anything; the program runs on
// with its old code and its state.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc-gcc -O2 -c loop.c -o loop.o && %hcc-gcc -O2 -c lib.c -o lib.o
// RUN: %hcc-gcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: ready pid=[[PID:[0-9]+]]
// CHECK-NEXT: out: value=1 calls=1
// CHECK: hcc: error: lib.c:lib.o was built by hcc-gcc, and gcc builds cannot be patched yet; build it with hcc (clang-19) to patch it live
// CHECK: patch exit=1
// CHECK-NEXT: out: value=1 calls=2
// CHECK: out: bye pid=[[PID]]
// CHECK-NEXT: exit=0

//--- script
start ./prog
expect ^ready
send call
expect ^value
copy v2.c lib.c
patch
send call
expect ^value
close

//--- v1.c
#include <stdio.h>
static int calls;
int value(void) { return 1; }
void scenario_command(const char *command) {
  printf("value=%d calls=%d\n", value(), ++calls);
}

//--- v2.c
#include <stdio.h>
static int calls;
int value(void) { return 2; }
void scenario_command(const char *command) {
  printf("value=%d calls=%d\n", value(), ++calls);
}
