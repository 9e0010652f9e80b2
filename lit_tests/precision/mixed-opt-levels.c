// Files of one program built at -O0, -O1, -O2 and -O3 (and -Os). One edit
// touches a function in each; every file is rebuilt at its own level and
// patched, and the program runs the new code of each.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c
// RUN: for l in 0 1 2 3 s; do sed "s/@L@/$l/g" unit.v1.in > o$l.c || exit 1; done
// RUN: for l in 0 1 2 3 s; do sed "s/@L@/$l/g" unit.v2.in > o$l.v2 || exit 1; done
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O1 -c main.c -o main.o
// RUN: for l in 0 1 2 3 s; do %hcc -O$l -c o$l.c -o o$l.o || exit 1; done
// RUN: %hcc loop.o main.o o0.o o1.o o2.o o3.o os.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: 1 1 1 1 1
// CHECK: hcc: patched o0.c: value_0; o1.c: value_1; o2.c: value_2; o3.c: value_3; os.c: value_s (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: 2 2 2 2 2
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^1
sh for l in 0 1 2 3 s; do cp o$l.v2 o$l.c; done
patch
send go
expect ^2
close

//--- main.c
#include <stdio.h>
int value_0(void), value_1(void), value_2(void), value_3(void), value_s(void);
void scenario_command(const char *command) {
  (void)command;
  printf("%d %d %d %d %d\n", value_0(), value_1(), value_2(), value_3(),
         value_s());
}

//--- unit.v1.in
static int base_@L@(void) { return 1; }
int value_@L@(void) { return base_@L@(); }

//--- unit.v2.in
static int base_@L@(void) { return 1; }
int value_@L@(void) { return base_@L@() + 1; }
