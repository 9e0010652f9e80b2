// A patch adds a new function, a new initialised global and a new static
// local, and the changed code uses them; the new state then persists across
// a further patch like any other.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: v1 old=1
// CHECK: hcc: patched lib.c:
// CHECK-NEXT: hcc: note: new static local 'fresh' in scenario_command starts at its initial value
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v2 old=2 bonus=42 fresh=1 helper=7
// CHECK-NEXT: out: v2 old=3 bonus=43 fresh=2 helper=7
// CHECK: hcc: patched lib.c:
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v3 old=4 bonus=44 fresh=3 helper=8

//--- script
start ./prog
expect ^ready
send go
expect ^v1
copy v2.c lib.c
patch
send go
expect ^v2
send go
expect ^v2
copy v3.c lib.c
patch
send go
expect ^v3
close

//--- v1.c
#include <stdio.h>
static int old;
void scenario_command(const char *command) {
  (void)command;
  printf("v1 old=%d\n", ++old);
}

//--- v2.c
#include <stdio.h>
static int old;
int bonus = 41;
__attribute__((noinline)) int new_helper(int x) { return x + 6; }
void scenario_command(const char *command) {
  static int fresh;
  (void)command;
  printf("v2 old=%d bonus=%d fresh=%d helper=%d\n", ++old, ++bonus, ++fresh,
         new_helper(1));
}

//--- v3.c
#include <stdio.h>
static int old;
int bonus = 41;
__attribute__((noinline)) int new_helper(int x) { return x + 7; }
void scenario_command(const char *command) {
  static int fresh;
  (void)command;
  printf("v3 old=%d bonus=%d fresh=%d helper=%d\n", ++old, ++bonus, ++fresh,
         new_helper(1));
}
