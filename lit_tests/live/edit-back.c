// A function is edited and then edited back to its original text: the
// original behaviour returns (the process's hashes, not the files' history,
// decide what is patched).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: answer=1 count=1
// CHECK: (generation 1,
// CHECK: out: answer=2 count=2
// CHECK: (generation 2,
// CHECK: out: answer=1 count=3
// A save of the same text again changes nothing.
// CHECK: hcc: no functional change
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: answer=1 count=4

//--- script
start ./prog
expect ^ready
send go
expect ^answer
copy v2.c lib.c
patch
send go
expect ^answer
copy v1.c lib.c
patch
send go
expect ^answer
copy v1.c lib.c
patch
send go
expect ^answer
close

//--- v1.c
#include <stdio.h>
static int count;
void scenario_command(const char *command) {
  (void)command;
  printf("answer=%d count=%d\n", 1, ++count);
}

//--- v2.c
#include <stdio.h>
static int count;
void scenario_command(const char *command) {
  (void)command;
  printf("answer=%d count=%d\n", 2, ++count);
}
