// What a patch of a gcc build adds and what it reaches of the program, at
// -O0 and -O2: a new function (its own slot and stub, called from the
// changed one), a new static counter (starts at its initial value), a
// function and a global of another unit (imported, not copied), a
// thread-local (through the program's accessor), and the address of an
// unchanged function of the unit, which stays the program's (-O2 with -g:
// the dropped unchanged function leaves the debug info whole).  The patch
// reads libc's data (stdout), which gcc must reach through the GOT in a
// shared object.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c
// RUN: for o in O0 O2; do \
// RUN:   g=$([ $o = O2 ] && echo -g); \
// RUN:   cp v1.c lib.c && %hcc-gcc -$o $g -c lib.c -o lib.o && \
// RUN:   %hcc-gcc -$o $g -c other.c -o other.o && %hcc-gcc -$o $g -c loop.c -o loop.o && \
// RUN:   %hcc-gcc loop.o lib.o other.o -o prog && \
// RUN:   %drive script > $o.txt 2>&1 || { cat $o.txt; exit 1; }; \
// RUN: done
// RUN: FileCheck %s < O0.txt
// RUN: FileCheck %s < O2.txt
//
// CHECK: out: v1 other=1 shared=1 tls=1 unchanged-at=[[AT:0x[0-9a-f]+]]
// CHECK: hcc: patched lib.c: scenario_command, twice (new)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v2 other=2 shared=2 tls=2 twice=4 fresh=1 unchanged-at=[[AT]]
// CHECK-NEXT: out: v2 other=3 shared=3 tls=3 twice=6 fresh=2 unchanged-at=[[AT]]
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

//--- other.c
int shared;
int other_next(void) {
  static int n;
  return ++n;
}

//--- v1.c
#include <stdio.h>
extern int shared;
int other_next(void);
static _Thread_local int tls;
int unchanged(void) { return 7; }
void scenario_command(const char *command) {
  (void)command;
  int (*volatile at)(void) = unchanged;
  printf("v1 other=%d shared=%d tls=%d unchanged-at=%p\n", other_next(),
         ++shared, ++tls, (void *)at);
}

//--- v2.c
#include <stdio.h>
extern int shared;
int other_next(void);
static _Thread_local int tls;
static int fresh;
int unchanged(void) { return 7; }
__attribute__((noinline)) int twice(int x) { return 2 * x; }
void scenario_command(const char *command) {
  (void)command;
  int (*volatile at)(void) = unchanged;
  int o = other_next();
  fprintf(stdout,
          "v2 other=%d shared=%d tls=%d twice=%d fresh=%d unchanged-at=%p\n", o,
          ++shared, ++tls, twice(o), ++fresh, (void *)at);
}
