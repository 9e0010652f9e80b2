// A shared library built with hcc (-shared -fPIC, compiled and linked in
// one command) is loaded by an hcc-built program at start. An edit of the
// library's source patches the library's module in the running process.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c shape.c
// RUN: %hcc -O2 -shared -fPIC shape.c -o libshape.so
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c main.c -o main.o
// RUN: %hcc loop.o main.o -L. -lshape -Wl,-rpath,%t -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: area=6
// CHECK: hcc: patched shape.c: area (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: area=60
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^area
copy v2.c shape.c
patch
send go
expect ^area
close

//--- main.c
#include <stdio.h>
int area(int w, int h);
void scenario_command(const char *command) {
  (void)command;
  printf("area=%d\n", area(2, 3));
}

//--- v1.c
int area(int w, int h) { return w * h; }

//--- v2.c
int area(int w, int h) { return w * h * 10; }
