// An edit adds `#include "x.h"`; a later edit of x.h alone (a macro and a
// static inline function) is patched: hcc learns the new dependency from
// the patch compile.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c && cp x.v1.h x.h
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: value=1
// CHECK: hcc: patched lib.c:
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: value=30
// CHECK: hcc: patched lib.c:
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: value=500

//--- script
start ./prog
expect ^ready
send go
expect ^value
copy v2.c lib.c
patch
send go
expect ^value
copy x.v2.h x.h
patch
send go
expect ^value
close

//--- x.v1.h
#define X_BASE 10
static inline int x_scale(int v) { return v * 3; }

//--- x.v2.h
#define X_BASE 100
static inline int x_scale(int v) { return v * 5; }

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) {
  (void)command;
  printf("value=1\n");
}

//--- v2.c
#include <stdio.h>
#include "x.h"
void scenario_command(const char *command) {
  (void)command;
  printf("value=%d\n", x_scale(X_BASE));
}
