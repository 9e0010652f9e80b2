// A program compiled and linked by one command from a subdirectory
// (`cd src && hcc loop.c lib.c -o ../prog`) is patched like any other: the
// plugin names each module by its source relative to the build root, as
// the build database records it.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch src
// RUN: cp %S/Inputs/loop.c src/loop.c && cp v1.c src/lib.c
// RUN: cd src && %hcc -O2 loop.c lib.c -o ../prog && cd ..
// RUN: %hcc inspect prog | FileCheck --check-prefix=IDS %s
// RUN: %drive script | FileCheck %s
//
// IDS: module src/loop.c
// IDS: module src/lib.c
// CHECK: out: v1
// CHECK: hcc: patched src/lib.c: scenario_command
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v2

//--- script
start ./prog
expect ^ready
send go
expect ^v
copy v2.c src/lib.c
patch
send go
expect ^v
close

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; puts("v1"); }

//--- v2.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; puts("v2"); }
