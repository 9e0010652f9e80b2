// A static local's type changes: as for a global (layout-refused.c), the
// patch compile refuses it, naming the variable as function.variable, its
// file, the old and new layout and what to do; nothing is applied and the
// program keeps running the previous generation with its count.  (gcc
// enters a static local in its symbol table only when it lowers the
// function; the runtime's later check of the import refused it with
// another status.)
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: v1 total=5
// CHECK: error: hotpatch: cannot patch static-local 'scenario_command.total' of lib.c: its type changed from i32 (4 bytes) to i64 (8 bytes) and its value could not be kept; restore its type, or restart the program to use the new one
// CHECK: hcc: error: not patched: {{.*}} keeps running generation 0
// CHECK-NEXT: patch exit=4
// CHECK-NEXT: out: v1 total=10
// CHECK-NEXT: {{[0-9]+}} generation=0

//--- script
start ./prog
expect ^ready
send go
expect ^v1
copy v2.c lib.c
patch
send go
expect ^v1
hcc status --pid PID
close

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) {
  static int total;
  (void)command;
  printf("v1 total=%d\n", total += 5);
}

//--- v2.c
#include <stdio.h>
void scenario_command(const char *command) {
  static long total;
  (void)command;
  printf("v2 total=%ld\n", total += 5);
}
