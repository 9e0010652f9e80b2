// A process in which neither the program nor any mapped library names a
// build database or carries compiles (here: the program's hotpatch_build
// and hotpatch_unit sections removed after the link; its modules still
// register) is refused with one line saying what to rebuild, and keeps
// running its code.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog && llvm-objcopy --remove-section=hotpatch_build --remove-section=hotpatch_unit prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: value=1
// CHECK-NEXT: hcc: error: process {{[0-9]+}} ({{.*}}/prog) has neither a hotpatch_build section naming its build database nor objects built with the hotpatch plugin, nor any such library; build it with hcc (or clang-19 -fplugin=hotpatch.so) and link it with a build-id
// CHECK-NEXT: patch exit=1
// CHECK-NEXT: out: value=1
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send value
expect ^value
copy v2.c lib.c
patch
send value
expect ^value
close

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) {
  (void)command;
  printf("value=%d\n", 1);
}

//--- v2.c
#include <stdio.h>
void scenario_command(const char *command) {
  (void)command;
  printf("value=%d\n", 2);
}
