// A function gains a parameter (its prototype is in a header). The
// function and every caller, in its own file and in another file that
// includes the header, are patched, and the callers pass the new argument.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp lib.v1.h lib.h && cp lib.v1.c lib.c
// RUN: cp user.v1.c user.c
// RUN: for f in loop lib user; do %hcc -O2 -c $f.c -o $f.o || exit 1; done
// RUN: %hcc loop.o lib.o user.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: local=3 remote=30
// CHECK: hcc: module lib.c:lib.o
// CHECK-DAG: hcc:   changed add
// CHECK-DAG: hcc:   changed local_sum
// CHECK: hcc: module user.c:user.o
// CHECK-NEXT: hcc:   changed scenario_command
// CHECK-NEXT: hcc: patched lib.c: {{.*}}; user.c: scenario_command (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: local=6 remote=60
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^local
copy lib.v2.h lib.h
copy lib.v2.c lib.c
copy user.v2.c user.c
patch --verbose
send go
expect ^local
close

//--- lib.v1.h
int add(int a, int b);
int local_sum(void);

//--- lib.v2.h
int add(int a, int b, int c);
int local_sum(void);

//--- lib.v1.c
#include "lib.h"
__attribute__((noinline)) int add(int a, int b) { return a + b; }
int local_sum(void) { return add(1, 2); }

//--- lib.v2.c
#include "lib.h"
__attribute__((noinline)) int add(int a, int b, int c) { return a + b + c; }
int local_sum(void) { return add(1, 2, 3); }

//--- user.v1.c
#include <stdio.h>
#include "lib.h"
void scenario_command(const char *command) {
  (void)command;
  printf("local=%d remote=%d\n", local_sum(), add(10, 20));
}

//--- user.v2.c
#include <stdio.h>
#include "lib.h"
void scenario_command(const char *command) {
  (void)command;
  printf("local=%d remote=%d\n", local_sum(), add(10, 20, 30));
}
