// A switch whose cases only return values: at -O2 gcc turns it into a
// lookup in a table of its own (CSWTCH.N, made after the unit's constants
// were noted), so the final GIMPLE names the table and not the values.
// An edited case value must still change the function's hash: the patch
// then has the new table and pick(3) returns 46 (45 before), at -O0 and
// -O2; the unedited cases keep their values.  The caller is in another
// file, so that nothing inlines pick.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c
// RUN: for o in O0 O2; do \
// RUN:   cp v1.c pick.c && %hcc-gcc -$o -c pick.c -o pick.o && \
// RUN:   %hcc-gcc -$o -c show.c -o show.o && %hcc-gcc -$o -c loop.c -o loop.o && \
// RUN:   %hcc-gcc loop.o show.o pick.o -o prog && \
// RUN:   %drive script > $o.txt 2>&1 || { cat $o.txt; exit 1; }; \
// RUN: done
// RUN: FileCheck %s < O0.txt
// RUN: FileCheck %s < O2.txt
//
// CHECK: out: 10 20 30 45 50 0
// CHECK: hcc: patched pick.c: pick (
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: 10 20 30 46 50 0
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send show
expect ^10
copy v2.c pick.c
patch
send show
expect ^10
close

//--- show.c
#include <stdio.h>
int pick(int x);
void scenario_command(const char *command) {
  (void)command;
  printf("%d %d %d %d %d %d\n", pick(0), pick(1), pick(2), pick(3), pick(4),
         pick(5));
}

//--- v1.c
int pick(int x) {
  switch (x) {
  case 0: return 10;
  case 1: return 20;
  case 2: return 30;
  case 3: return 45;
  case 4: return 50;
  default: return 0;
  }
}

//--- v2.c
int pick(int x) {
  switch (x) {
  case 0: return 10;
  case 1: return 20;
  case 2: return 30;
  case 3: return 46;
  case 4: return 50;
  default: return 0;
  }
}
