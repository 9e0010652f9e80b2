// Constructors and destructors in a patch of a gcc build, at -O0 and -O2,
// as in clang patches: no constructor of the patch runs at dlopen.  New
// ones run exactly once, from the patch-init function, after it stored the
// new global they read (the address of the program's counter, 6 by then),
// by priority and then in definition order (early, late, last, as a build
// runs them); an unchanged constructor and an edited one do not run again
// (their counters stay at the build's 1); the patch's new destructor never
// runs, not even at exit.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c
// RUN: for o in O0 O2; do \
// RUN:   cp v1.c lib.c && %hcc-gcc -$o -c loop.c -o loop.o && \
// RUN:   %hcc-gcc -$o -c lib.c -o lib.o && %hcc-gcc loop.o lib.o -o prog && \
// RUN:   %drive script > $o.txt 2>&1 || { cat $o.txt; exit 1; }; \
// RUN: done
// RUN: FileCheck %s < O0.txt
// RUN: FileCheck %s < O2.txt
//
// CHECK: out: v1 counter=6 kept=1 edited=1
// CHECK: patch exit=0
// CHECK-NEXT: out: v2 counter=7 kept=1 edited=1 order=ELZ seen=6
// CHECK-NEXT: out: v2 counter=8 kept=1 edited=1 order=ELZ seen=6
// CHECK-NEXT: out: bye
// CHECK-NOT: destructor
// CHECK: exit=0

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
close

//--- v1.c
#include <stdio.h>
int counter = 5;
static int kept_runs, edited_runs;
__attribute__((constructor)) static void kept(void) { kept_runs++; }
__attribute__((constructor)) static void edited(void) { edited_runs++; }
void scenario_command(const char *command) {
  (void)command;
  printf("v1 counter=%d kept=%d edited=%d\n", ++counter, kept_runs,
         edited_runs);
}

//--- v2.c
#include <stdio.h>
int counter = 5;
static int kept_runs, edited_runs;
/* New: its initial value is the program's counter, stored by patch-init. */
int *counter_at = &counter;
static char order[8];
static int order_length, seen = -1;
__attribute__((constructor)) static void kept(void) { kept_runs++; }
__attribute__((constructor)) static void edited(void) { edited_runs += 100; }
__attribute__((constructor)) static void late(void) {
  order[order_length++] = 'L';
  seen = counter_at ? *counter_at : -1;
}
__attribute__((constructor(200))) static void early(void) {
  order[order_length++] = 'E';
}
__attribute__((constructor)) static void last(void) {
  order[order_length++] = 'Z';
}
__attribute__((destructor)) static void farewell(void) {
  printf("patch destructor ran\n");
}
void scenario_command(const char *command) {
  (void)command;
  printf("v2 counter=%d kept=%d edited=%d order=%s seen=%d\n", ++counter,
         kept_runs, edited_runs, order, seen);
}
