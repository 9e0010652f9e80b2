// A patch compile of a C unit has the parser skip the bodies the patch
// does not need (plugin/FrontendSkip.cpp, "Bodies not parsed"): before
// parsing, the unit's text is compared with the build's, body by body
// (plugin/BodyScan.cpp), and what the changed bodies name, or are named
// by, in turn, is parsed; every skipped body's tokens are checked against
// the build's record afterwards.  Checked here, with a script run again
// with HOTPATCH_SKIP_PARSE=0 and compared:
//   v2: leaf changes, in place; caller names it: both parsed and patched,
//       the other six get no IR and are not parsed.
//   v3: first gets a __COUNTER__ of its own, which makes counted's
//       __COUNTER__ one more: counted's text is the same, so the parser
//       skips it, its tokens differ, and the compile asks to be done again
//       with every body parsed: counted and scenario_command, which
//       inlines it, are patched, as without skipping (first's code is
//       what it was).
//   v4: leaf's body is split over two lines: the bodies after it are at
//       other lines (line_user's __LINE__ is one more), so only first,
//       which is above leaf, is not parsed; line_user is patched, leaf,
//       whose tokens are the same, is not.
//   v5: a #define outside the bodies changes: nothing is skipped by the
//       parser, and via_table, which expands it, is patched.
// Each step's patch has the same changes with and without skipping, and
// the program prints the same (checked by one set of CHECK lines, with
// the "not parsed" and retry lines only in the first run).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script > on.txt && FileCheck %s --check-prefixes=CHECK,ON < on.txt
// RUN: cp v1.c lib.c && %hcc -O2 -c lib.c -o lib.o && %hcc loop.o lib.o -o prog
// RUN: env HOTPATCH_SKIP_PARSE=0 %drive script > off.txt
// RUN: FileCheck %s --implicit-check-not="not parsed" --implicit-check-not="compiled again" < off.txt
//
// CHECK: out: caller=4 unrelated=101 table=0 line=9 counted=1
// ON: hcc: no IR generated: 6 of them, which the patch cannot need
// ON-NEXT: hcc: bodies not parsed: 6, which the patch cannot need either
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:  changed leaf
// CHECK-NEXT: hcc:  changed caller
// CHECK-NEXT: hcc: patched lib.c: leaf, caller (generation 1,
// CHECK: out: caller=5 unrelated=101 table=0 line=9 counted=1
// ON: hcc: compiled again, keeping nothing unaffected and parsing every body: lib.c: the body of 'counted' was not parsed, and the patch needs it: compiling again with every body parsed
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:  changed counted
// CHECK-NEXT: hcc:  changed scenario_command
// CHECK-NEXT: hcc: patched lib.c: counted, scenario_command (generation 2,
// CHECK: out: caller=5 unrelated=101 table=0 line=9 counted=2
// ON: hcc: bodies not parsed: 1, which the patch cannot need either
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:  changed line_user
// CHECK-NEXT: hcc: patched lib.c: line_user (generation 3,
// CHECK: out: caller=5 unrelated=101 table=0 line=10 counted=2
// CHECK-NOT: not parsed
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:  changed lib.c:lib.o:via_table
// CHECK-NEXT: hcc: patched lib.c: via_table (generation 4,
// CHECK: out: caller=5 unrelated=101 table=-1 line=10 counted=2
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
copy v4.c lib.c
patch --verbose
send go
expect ^out
copy v5.c lib.c
patch --verbose
send go
expect ^out
close

//--- v1.c
#include <stdio.h>
#define STEP 1
int first(int v) { return v; }
int leaf(int v) { return v * 3; }
int caller(int v) { return leaf(v) + 1; }
int unrelated(int v) { return v + 100; }
static int via_table(int v) { return v - STEP; }
int counted(void) { return __COUNTER__ + 1; }
int line_user(int v) { return v + __LINE__; }
int (*const fns[])(int) = {caller, unrelated, via_table, line_user, first};
void scenario_command(const char *command) {
  (void)command;
  printf("out: caller=%d unrelated=%d table=%d line=%d counted=%d\n",
         fns[0](1), fns[1](1), fns[2](1), fns[3](fns[4](0)), counted());
}

//--- v2.c
#include <stdio.h>
#define STEP 1
int first(int v) { return v; }
int leaf(int v) { return v * 4; }
int caller(int v) { return leaf(v) + 1; }
int unrelated(int v) { return v + 100; }
static int via_table(int v) { return v - STEP; }
int counted(void) { return __COUNTER__ + 1; }
int line_user(int v) { return v + __LINE__; }
int (*const fns[])(int) = {caller, unrelated, via_table, line_user, first};
void scenario_command(const char *command) {
  (void)command;
  printf("out: caller=%d unrelated=%d table=%d line=%d counted=%d\n",
         fns[0](1), fns[1](1), fns[2](1), fns[3](fns[4](0)), counted());
}

//--- v3.c
#include <stdio.h>
#define STEP 1
int first(int v) { return v + __COUNTER__ * 0; }
int leaf(int v) { return v * 4; }
int caller(int v) { return leaf(v) + 1; }
int unrelated(int v) { return v + 100; }
static int via_table(int v) { return v - STEP; }
int counted(void) { return __COUNTER__ + 1; }
int line_user(int v) { return v + __LINE__; }
int (*const fns[])(int) = {caller, unrelated, via_table, line_user, first};
void scenario_command(const char *command) {
  (void)command;
  printf("out: caller=%d unrelated=%d table=%d line=%d counted=%d\n",
         fns[0](1), fns[1](1), fns[2](1), fns[3](fns[4](0)), counted());
}

//--- v4.c
#include <stdio.h>
#define STEP 1
int first(int v) { return v + __COUNTER__ * 0; }
int leaf(int v) {
  return v * 4; }
int caller(int v) { return leaf(v) + 1; }
int unrelated(int v) { return v + 100; }
static int via_table(int v) { return v - STEP; }
int counted(void) { return __COUNTER__ + 1; }
int line_user(int v) { return v + __LINE__; }
int (*const fns[])(int) = {caller, unrelated, via_table, line_user, first};
void scenario_command(const char *command) {
  (void)command;
  printf("out: caller=%d unrelated=%d table=%d line=%d counted=%d\n",
         fns[0](1), fns[1](1), fns[2](1), fns[3](fns[4](0)), counted());
}

//--- v5.c
#include <stdio.h>
#define STEP 2
int first(int v) { return v + __COUNTER__ * 0; }
int leaf(int v) {
  return v * 4; }
int caller(int v) { return leaf(v) + 1; }
int unrelated(int v) { return v + 100; }
static int via_table(int v) { return v - STEP; }
int counted(void) { return __COUNTER__ + 1; }
int line_user(int v) { return v + __LINE__; }
int (*const fns[])(int) = {caller, unrelated, via_table, line_user, first};
void scenario_command(const char *command) {
  (void)command;
  printf("out: caller=%d unrelated=%d table=%d line=%d counted=%d\n",
         fns[0](1), fns[1](1), fns[2](1), fns[3](fns[4](0)), counted());
}
