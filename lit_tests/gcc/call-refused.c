// hcc call needs the signature clang's front end records; a function of a
// gcc-built unit has none, and the refusal says gcc is why (not only
// "-fpass-plugin=", which a gcc build never used).  The program runs on.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c
// RUN: %hcc-gcc -O2 -c loop.c -o loop.o && %hcc-gcc -O2 -c lib.c -o lib.o
// RUN: %hcc-gcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: ready pid={{[0-9]+}}
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: cannot call 'add': its signature was not recorded (it was compiled by gcc, or without clang's front end, as with -fpass-plugin=: only clang's records signatures)
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: out: sum=5

//--- script
start ./prog
expect ^ready
hcc call --pid PID add 2 3
send go
expect ^sum
close

//--- lib.c
#include <stdio.h>
__attribute__((noinline)) int add(int a, int b) { return a + b; }
void scenario_command(const char *command) {
  (void)command;
  printf("sum=%d\n", add(2, 3));
}
