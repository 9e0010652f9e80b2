// A static function that the build dropped (it was inlined into its only
// caller, DropInlined.cpp) is not in the process, so it can never be the
// same as what runs; a patch compile deletes it with its stub and slot
// when no function that is optimised needs it, as the build did, instead
// of optimising it and what it calls. Here helper calls leaf: when other
// changes, neither is optimised (leaf was kept to be inlined, and helper
// optimised, before). When helper changes, user, which inlined it, is
// patched. (loop.c may be recompiled too, its timestamp being as coarse as
// the build's: the counts are of both.)
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// The build has no helper of its own.
// RUN: llvm-nm lib.o | FileCheck %s --check-prefix=DROPPED
// RUN: %drive script | FileCheck %s --implicit-check-not=changed
// With HOTPATCH_SKIP_DROPPED=0, helper is optimised and leaf kept for it.
// RUN: cp v1.c lib.c && %hcc -O2 -c lib.c -o lib.o && %hcc loop.o lib.o -o prog
// RUN: env HOTPATCH_SKIP_DROPPED=0 %drive script | FileCheck %s --check-prefix=OFF
//
// OFF: hcc: not optimised after the inliner: 1 kept only to be inlined
// OFF: hcc: patched lib.c: other (generation 1,
// OFF: out: user=8 other=5
//
// DROPPED-NOT: helper
//
// CHECK: out: user=8 other=4
// CHECK: hcc: not optimised: {{[34]}} of {{[45]}} functions, the same as what runs
// CHECK-NOT: after the inliner
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:   changed other
// CHECK: hcc: patched lib.c: other (generation 1,
// CHECK: out: user=8 other=5
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:   changed user
// CHECK: hcc: patched lib.c: user (generation 2,
// CHECK: out: user=10 other=5
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
copy v3.c lib.c
patch --verbose
send go
expect ^out
close

//--- v1.c
#include <stdio.h>
int leaf(int v) { return v * 3; }
static int helper(int v) { return leaf(v) + 1; }
int user(int v) { return helper(v) * 2; }
int other(int v) { return v + 3; }
void scenario_command(const char *command) {
  (void)command;
  /* Through pointers, so that scenario_command does not inline them. */
  int (*volatile u)(int) = user, (*volatile o)(int) = other;
  printf("out: user=%d other=%d\n", u(1), o(1));
}

//--- v2.c
#include <stdio.h>
int leaf(int v) { return v * 3; }
static int helper(int v) { return leaf(v) + 1; }
int user(int v) { return helper(v) * 2; }
int other(int v) { return v + 4; }
void scenario_command(const char *command) {
  (void)command;
  /* Through pointers, so that scenario_command does not inline them. */
  int (*volatile u)(int) = user, (*volatile o)(int) = other;
  printf("out: user=%d other=%d\n", u(1), o(1));
}

//--- v3.c
#include <stdio.h>
int leaf(int v) { return v * 3; }
static int helper(int v) { return leaf(v) + 2; }
int user(int v) { return helper(v) * 2; }
int other(int v) { return v + 4; }
void scenario_command(const char *command) {
  (void)command;
  /* Through pointers, so that scenario_command does not inline them. */
  int (*volatile u)(int) = user, (*volatile o)(int) = other;
  printf("out: user=%d other=%d\n", u(1), o(1));
}
