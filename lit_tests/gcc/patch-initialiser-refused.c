// What gcc patches still cannot initialise: a new thread-local whose
// initial value holds the address of something the program has.  Each
// thread's copy starts from the initial image, so no single store of the
// patch-init function could fill it.  gcc refuses it in patch mode with a
// message naming both and what to do (hcc patch exit 4); nothing is
// applied.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc-gcc -O0 -c loop.c -o loop.o && %hcc-gcc -O0 -c lib.c -o lib.o
// RUN: %hcc-gcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: v1 counter=1
// CHECK: error: hotpatch: cannot patch 'mine' of lib.c: its initial value holds the address of 'counter', which the running program has, and a patch cannot store it in every thread's copy of a new thread-local; restart the program to use this change
// CHECK: patch exit=4
// CHECK-NEXT: out: v1 counter=2
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
int counter;
void scenario_command(const char *command) {
  (void)command;
  printf("v1 counter=%d\n", ++counter);
}

//--- v2.c
#include <stdio.h>
int counter;
static __thread int *mine = &counter;
void scenario_command(const char *command) {
  (void)command;
  printf("v2 counter=%d\n", ++*mine);
}
