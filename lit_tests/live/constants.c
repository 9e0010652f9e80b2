// A string literal changes, and an `extern const` table defined in one file
// changes while an unchanged function in another file reads it: as in a
// fresh build, that reader sees the new contents (the patch updates the
// table in place; its address stays the same).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c table.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c reader.c -o reader.o
// RUN: %hcc -O2 -c table.c -o table.o && %hcc loop.o reader.o table.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: greeting=hello sum=10 last=4 at [[ADDR:0x[0-9a-f]+]]
// CHECK: hcc: patched table.c: greeting, table (constant)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: greeting=howdy sum=100 last=40 at [[ADDR]]
// A revert writes the old content back.
// CHECK: hcc: reverted to generation 0
// CHECK: out: greeting=hello sum=10 last=4 at [[ADDR]]

//--- script
start ./prog
expect ^ready
send go
expect ^greeting
copy v2.c table.c
patch
send go
expect ^greeting
hcc revert --pid PID
send go
expect ^greeting
close

//--- reader.c
#include <stdio.h>
extern const int table[4];
const char *greeting(void);
static int sum(void) {
  int s = 0;
  for (int i = 0; i < 4; i++)
    s += table[i];
  return s;
}
void scenario_command(const char *command) {
  (void)command;
  printf("greeting=%s sum=%d last=%d at %p\n", greeting(), sum(), table[3],
         (const void *)table);
}

//--- v1.c
const int table[4] = {1, 2, 3, 4};
const char *greeting(void) { return "hello"; }

//--- v2.c
const int table[4] = {10, 20, 30, 40};
const char *greeting(void) { return "howdy"; }
