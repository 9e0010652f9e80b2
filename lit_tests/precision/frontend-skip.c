// A patch compile of a C unit generates no IR for the functions the patch
// cannot need (plugin/FrontendSkip.cpp): those whose body tokens are the
// ones recorded, whose code is what the process runs, and which neither
// call nor are called by (in turn) a changed function.  Checked here,
// with a script run again with HOTPATCH_SKIP_FRONTEND=0 and compared:
//   v2: leaf changes; caller inlines it: both patched, the other four
//       (unrelated, via_table, line_user, scenario_command) get no IR.
//   v3: a macro's value changes; only via_table expands it: only it is
//       patched (the directive is not a token, the expansion is).
//   v4: leaf is spread over four lines, with a comment: line_user's
//       __LINE__ is 3 more, so line_user changes; leaf does not.
//   v5: the table outside the bodies changes: every function gets its IR
//       (the table is updated in place; scenario_command, which calls
//       through it, changes).
//   v6: `#pragma clang optimize off` around unrelated: a pragma outside the
//       bodies, so every function gets its IR, and unrelated, now
//       unoptimised, is patched (and line_user, two lines lower).
//   v7: tiny, a static function inlined into line_user and dropped by the
//       build (the process does not have it), changes: line_user, which
//       inlines it, is patched; the other five get no IR.
// Each step's patch has the same changes with and without skipping, and
// the program prints the same (checked by one set of CHECK lines, with
// the "no IR" lines only in the first run).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script > on.txt && FileCheck %s --check-prefixes=CHECK,ON < on.txt
// RUN: cp v1.c lib.c && %hcc -O2 -c lib.c -o lib.o && %hcc loop.o lib.o -o prog
// RUN: env HOTPATCH_SKIP_FRONTEND=0 %drive script > off.txt
// RUN: FileCheck %s --implicit-check-not="no IR generated" < off.txt
//
// CHECK: out: caller=4 unrelated=101 table=0 line=8
// ON: hcc: no IR generated: 4 of them, which the patch cannot need
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:  changed leaf
// CHECK-NEXT: hcc:  changed caller
// CHECK-NEXT: hcc: patched lib.c: leaf, caller (generation 1,
// CHECK: out: caller=5 unrelated=101 table=0 line=8
// ON: hcc: no IR generated: 5 of them, which the patch cannot need
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:  changed lib.c:lib.o:via_table
// CHECK-NEXT: hcc: patched lib.c: via_table (generation 2,
// CHECK: out: caller=5 unrelated=101 table=-1 line=8
// ON: hcc: no IR generated: 5 of them, which the patch cannot need
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:  changed line_user
// CHECK-NEXT: hcc: patched lib.c: line_user (generation 3,
// CHECK: out: caller=5 unrelated=101 table=-1 line=11
// CHECK-NOT: no IR generated
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:  changed scenario_command
// CHECK-NEXT: hcc:  update fns
// CHECK-NEXT: hcc: patched lib.c: scenario_command, fns (constant) (generation 4,
// CHECK: out: caller=101 unrelated=5 table=-1 line=11
// CHECK-NOT: no IR generated
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:  changed unrelated
// CHECK-NEXT: hcc:  changed line_user
// CHECK: hcc: patched lib.c: unrelated, line_user{{.*}} (generation 5,
// CHECK: out: caller=101 unrelated=5 table=-1 line=13
// ON: hcc: no IR generated: 5 of them, which the patch cannot need
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:  changed line_user
// CHECK: hcc: patched lib.c: line_user{{.*}} (generation 6,
// CHECK: out: caller=101 unrelated=5 table=-1 line=14
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
copy v6.c lib.c
patch --verbose
send go
expect ^out
copy v7.c lib.c
patch --verbose
send go
expect ^out
close

//--- v1.c
#include <stdio.h>
#define STEP 1
int leaf(int v) { return v * 3; }
int caller(int v) { return leaf(v) + 1; }
int unrelated(int v) { return v + 100; }
static int via_table(int v) { return v - STEP; }
static int tiny(int v) { return v + 2; }
int line_user(int v) { return tiny(v) - 2 + __LINE__; }
int (*const fns[])(int) = {caller, unrelated, via_table, line_user};
void scenario_command(const char *command) {
  (void)command;
  printf("out: caller=%d unrelated=%d table=%d line=%d\n", fns[0](1),
         fns[1](1), fns[2](1), fns[3](0));
}

//--- v2.c
#include <stdio.h>
#define STEP 1
int leaf(int v) { return v * 4; }
int caller(int v) { return leaf(v) + 1; }
int unrelated(int v) { return v + 100; }
static int via_table(int v) { return v - STEP; }
static int tiny(int v) { return v + 2; }
int line_user(int v) { return tiny(v) - 2 + __LINE__; }
int (*const fns[])(int) = {caller, unrelated, via_table, line_user};
void scenario_command(const char *command) {
  (void)command;
  printf("out: caller=%d unrelated=%d table=%d line=%d\n", fns[0](1),
         fns[1](1), fns[2](1), fns[3](0));
}

//--- v3.c
#include <stdio.h>
#define STEP 2
int leaf(int v) { return v * 4; }
int caller(int v) { return leaf(v) + 1; }
int unrelated(int v) { return v + 100; }
static int via_table(int v) { return v - STEP; }
static int tiny(int v) { return v + 2; }
int line_user(int v) { return tiny(v) - 2 + __LINE__; }
int (*const fns[])(int) = {caller, unrelated, via_table, line_user};
void scenario_command(const char *command) {
  (void)command;
  printf("out: caller=%d unrelated=%d table=%d line=%d\n", fns[0](1),
         fns[1](1), fns[2](1), fns[3](0));
}

//--- v4.c
#include <stdio.h>
#define STEP 2
int leaf(int v) {
  /* one more line */
  return v * 4;
}
int caller(int v) { return leaf(v) + 1; }
int unrelated(int v) { return v + 100; }
static int via_table(int v) { return v - STEP; }
static int tiny(int v) { return v + 2; }
int line_user(int v) { return tiny(v) - 2 + __LINE__; }
int (*const fns[])(int) = {caller, unrelated, via_table, line_user};
void scenario_command(const char *command) {
  (void)command;
  printf("out: caller=%d unrelated=%d table=%d line=%d\n", fns[0](1),
         fns[1](1), fns[2](1), fns[3](0));
}

//--- v5.c
#include <stdio.h>
#define STEP 2
int leaf(int v) {
  /* one more line */
  return v * 4;
}
int caller(int v) { return leaf(v) + 1; }
int unrelated(int v) { return v + 100; }
static int via_table(int v) { return v - STEP; }
static int tiny(int v) { return v + 2; }
int line_user(int v) { return tiny(v) - 2 + __LINE__; }
int (*const fns[])(int) = {unrelated, caller, via_table, line_user};
void scenario_command(const char *command) {
  (void)command;
  printf("out: caller=%d unrelated=%d table=%d line=%d\n", fns[0](1),
         fns[1](1), fns[2](1), fns[3](0));
}

//--- v6.c
#include <stdio.h>
#define STEP 2
int leaf(int v) {
  /* one more line */
  return v * 4;
}
int caller(int v) { return leaf(v) + 1; }
#pragma clang optimize off
int unrelated(int v) { return v + 100; }
#pragma clang optimize on
static int via_table(int v) { return v - STEP; }
static int tiny(int v) { return v + 2; }
int line_user(int v) { return tiny(v) - 2 + __LINE__; }
int (*const fns[])(int) = {unrelated, caller, via_table, line_user};
void scenario_command(const char *command) {
  (void)command;
  printf("out: caller=%d unrelated=%d table=%d line=%d\n", fns[0](1),
         fns[1](1), fns[2](1), fns[3](0));
}

//--- v7.c
#include <stdio.h>
#define STEP 2
int leaf(int v) {
  /* one more line */
  return v * 4;
}
int caller(int v) { return leaf(v) + 1; }
#pragma clang optimize off
int unrelated(int v) { return v + 100; }
#pragma clang optimize on
static int via_table(int v) { return v - STEP; }
static int tiny(int v) { return v + 3; }
int line_user(int v) { return tiny(v) - 2 + __LINE__; }
int (*const fns[])(int) = {unrelated, caller, via_table, line_user};
void scenario_command(const char *command) {
  (void)command;
  printf("out: caller=%d unrelated=%d table=%d line=%d\n", fns[0](1),
         fns[1](1), fns[2](1), fns[3](0));
}
