// An external constant whose size changes cannot be updated in place (code
// in other files was built for the old size): the patch is refused, hcc
// patch exits 4, and the process keeps running generation 0.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c table.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c reader.c -o reader.o
// RUN: %hcc -O2 -c table.c -o table.o && %hcc loop.o reader.o table.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: sum=3
// CHECK: error: hotpatch: cannot patch constant 'table' of table.c: its size changed (was 8 bytes, now 12 bytes) and code in other files was built for the old size; restart the program to use it
// CHECK: hcc: error: not patched: the change to table.c cannot be applied live (see above); process {{[0-9]+}} keeps running generation 0
// CHECK-NEXT: patch exit=4
// CHECK-NEXT: out: sum=3
// CHECK-NEXT: {{[0-9]+}} generation=0

//--- script
start ./prog
expect ^ready
send go
expect ^sum
copy v2.c table.c
patch
send go
expect ^sum
hcc status --pid PID
close

//--- reader.c
#include <stdio.h>
extern const int table[2];
void scenario_command(const char *command) {
  (void)command;
  printf("sum=%d\n", table[0] + table[1]);
}

//--- v1.c
const int table[2] = {1, 2};

//--- v2.c
const int table[3] = {1, 2, 3};
