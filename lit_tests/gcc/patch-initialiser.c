// Data a gcc patch defines whose initial value holds addresses of what the
// running program has, at -O0 and -O2: the patch-init function stores them
// before any patch code runs, as in clang patches.  A new table of
// functions holds their stubs (the pointers equal the ones the program took
// before the patch); a new global points at an existing global, a new
// static local at an existing static local and another one into an
// existing array with pointer arithmetic; a changed constant points at an
// array element and a struct field; a range initialiser stores one address
// twice.  All of them read the state the program wrote before the patch.
// An external constant of function pointers whose content changes is
// filled first and then updated in place, so reader.c, not recompiled,
// calls the new entry.  The patched module's hashes are a build's: the same
// source compiled again is no functional change.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c
// RUN: for o in O0 O2; do \
// RUN:   cp v1.c lib.c && %hcc-gcc -$o -c loop.c -o loop.o && \
// RUN:   %hcc-gcc -$o -c lib.c -o lib.o && %hcc-gcc -$o -c reader.c -o reader.o && \
// RUN:   %hcc-gcc loop.o lib.o reader.o -o prog && \
// RUN:   %drive script > $o.txt 2>&1 || { cat $o.txt; exit 1; }; \
// RUN: done
// RUN: FileCheck %s < O0.txt
// RUN: FileCheck %s < O2.txt
//
// CHECK: out: v1 hits=1 pick=10
// CHECK: patch exit=0
// CHECK-NEXT: out: v2 hits=2 same-one=1 same-two=1 calls=1+2 counter=7 pick=33,6 last=40 twice=7,7 msg=hi op=2
// CHECK: hcc: no functional change
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v2 hits=3 same-one=1 same-two=1 calls=1+2 counter=7 pick=33,6 last=40 twice=7,7 msg=hi op=2
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send save
expect ^v1
copy v2.c lib.c
patch
send show
expect ^v2
sh touch lib.c
patch
send show
expect ^v2
close

//--- reader.c
extern int (*const ops[2])(void);
int call_op(int i) { return ops[i](); }

//--- v1.c
#include <stdio.h>
#include <string.h>
int one(void) { return 1; }
static int two(void) { return 2; }
int counter;
static int cells[4] = {10, 20, 30, 40};
struct pair {
  int a, b;
};
struct pair origin = {5, 6};
static const int *const pick[] = {&cells[0]};
static void *seen_one, *seen_two;
int (*const ops[2])(void) = {one, one};
void scenario_command(const char *command) {
  static int hits;
  ++hits;
  if (strcmp(command, "save") == 0) { // what the program has, before the patch
    seen_one = (void *)one;
    seen_two = (void *)two;
    counter = 7;
    cells[2] = 33;
  }
  printf("v1 hits=%d pick=%d\n", hits, *pick[strlen(command) - 4]);
}

//--- v2.c
#include <stdio.h>
#include <string.h>
int one(void) { return 1; }
static int two(void) { return 2; }
int counter;
static int cells[4] = {10, 20, 30, 40};
struct pair {
  int a, b;
};
struct pair origin = {5, 6};
static const int *const pick[] = {&cells[2], &origin.b};
static void *seen_one, *seen_two;
int (*const ops[2])(void) = {one, two};
int call_op(int i);
static int (*table[])(void) = {one, two};
int *counter_at = &counter;
static int *const twice[2] = {[0 ... 1] = &counter};
void scenario_command(const char *command) {
  static int hits;
  static int *hits_at = &hits;
  static int *last = cells + 3;
  static const char *msg = "hi";
  size_t i = strlen(command) - 4; // 0, unknown to gcc
  ++hits;
  printf("v2 hits=%d same-one=%d same-two=%d calls=%d+%d counter=%d "
         "pick=%d,%d last=%d twice=%d,%d msg=%s op=%d\n",
         *hits_at, (void *)table[i] == seen_one,
         (void *)table[i + 1] == seen_two, table[i](), table[i + 1](),
         *counter_at, *pick[i], *pick[i + 1], *last, *twice[i], *twice[i + 1],
         msg, call_op((int)i + 1));
}
