// Lines are inserted above every function. Functions whose code does not
// depend on line numbers are not patched (debug info, which does move, is
// not part of a function's hash; built with -g); a function returning
// __LINE__ and one using assert() (which passes __LINE__ to
// __assert_fail) are patched and see the new line numbers.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -g -c loop.c -o loop.o && %hcc -O2 -g -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// where() is on line 4 of v1.c and line 7 of v2.c.
// CHECK: out: plain=3 checked=5 line=4
// CHECK: hcc: module lib.c:lib.o
// CHECK-NEXT: hcc:   changed where
// CHECK-NEXT: hcc:   changed checked
// CHECK-NEXT: hcc: patched lib.c: where, checked (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: plain=3 checked=5 line=7
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^plain
copy v2.c lib.c
patch --verbose
send go
expect ^plain
close

//--- v1.c
#include <assert.h>
#include <stdio.h>
int plain(int x) { return x + 1; }
int where(void) { return __LINE__; }
int checked(int x) { assert(x > 0); return x; }
void scenario_command(const char *command) {
  (void)command;
  int (*volatile p)(int) = plain, (*volatile c)(int) = checked;
  int (*volatile w)(void) = where;
  printf("plain=%d checked=%d line=%d\n", p(2), c(5), w());
}

//--- v2.c
#include <assert.h>
#include <stdio.h>
/* Three lines
   inserted
   here. */
int plain(int x) { return x + 1; }
int where(void) { return __LINE__; }
int checked(int x) { assert(x > 0); return x; }
void scenario_command(const char *command) {
  (void)command;
  int (*volatile p)(int) = plain, (*volatile c)(int) = checked;
  int (*volatile w)(void) = where;
  printf("plain=%d checked=%d line=%d\n", p(2), c(5), w());
}
