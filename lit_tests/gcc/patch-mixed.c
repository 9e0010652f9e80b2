// A mixed program patched live: a shared library built by hcc (clang-19)
// and an executable whose units are built by hcc-gcc (gcc-12).  A patch of
// a gcc unit is compiled by gcc with the GCC plugin, one of a clang unit
// by clang, each with the compiler that built it (the compile record's
// argv[0]), and both reach the other compiler's functions and globals
// through the one registry; state is kept on both sides.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp lib.v1.c lib.c && cp main.v1.c main.c
// RUN: %hcc -O2 -fPIC -shared lib.c -o libpart.so
// RUN: %hcc-gcc -O2 -c loop.c -o loop.o && %hcc-gcc -O2 -c main.c -o main.o
// RUN: %hcc-gcc loop.o main.o -L. -lpart -Wl,-rpath,%t -o prog
// RUN: readelf -p .comment main.o | FileCheck %s --check-prefix=GCC
// RUN: readelf -p .comment libpart.so | FileCheck %s --check-prefix=CLANG
// RUN: %drive script | FileCheck %s
//
// GCC: GCC: ({{.*}}) 12.
// CLANG: clang version 19
//
// CHECK: out: main-v1 lib=1 lib-count=1 main-count=1
// CHECK: hcc: patched main.c: scenario_command
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: main-v2 lib=2 lib-count=2 main-count=2
// CHECK: hcc: patched lib.c: lib_step
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: main-v2 lib=13 lib-count=3 main-count=3
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^main-v1
copy main.v2.c main.c
patch
send go
expect ^main-v2
copy lib.v2.c lib.c
patch
send go
expect ^main-v2
close

//--- lib.v1.c
int lib_count;
int lib_step(int x) { return ++lib_count, x; }

//--- lib.v2.c
int lib_count;
int lib_step(int x) { return ++lib_count, x + 10; }

//--- main.v1.c
#include <stdio.h>
extern int lib_count;
int lib_step(int x);
static int main_count;
void scenario_command(const char *command) {
  (void)command;
  int lib = lib_step(1);
  printf("main-v1 lib=%d lib-count=%d main-count=%d\n", lib, lib_count,
         ++main_count);
}

//--- main.v2.c
#include <stdio.h>
extern int lib_count;
int lib_step(int x);
static int main_count;
void scenario_command(const char *command) {
  (void)command;
  int lib = lib_step(main_count + 1);
  printf("main-v2 lib=%d lib-count=%d main-count=%d\n", lib, lib_count,
         ++main_count);
}
