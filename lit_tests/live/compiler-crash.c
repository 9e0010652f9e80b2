// A patch compile that crashes the compiler is reported, not silent: with
// the resident toolchain the compile runs in a forked child with no crash
// handler, and hcc says it was killed by a signal, naming the source and
// how to see clang's crash report; with the clang executable
// (HOTPATCH_RESIDENT=0) clang's own report is shown.  Either way the
// patch is not applied (exit 3) and the program runs on.  The crash is
// clang's own `#pragma clang __debug crash`.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: v1
// CHECK: hcc: error: the compiler was killed by signal {{[0-9]+}} ({{.*}}) compiling {{.*}}lib.c: a bug in clang or in the hotpatch plugin; HOTPATCH_RESIDENT=0 hcc patch shows clang's crash report
// CHECK: hcc: error: not patched: lib.c did not compile; process {{[0-9]+}} keeps running generation 0
// CHECK-NEXT: patch exit=3
// CHECK: PLEASE submit a bug report
// CHECK: hcc: error: not patched: lib.c did not compile
// CHECK-NEXT: sh exit=3
// CHECK: out: v1
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^v1
copy crash.c lib.c
patch
sh HOTPATCH_RESIDENT=0 $HCC patch --pid $PID 2>&1
send go
expect ^v1
close

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; puts("v1"); }

//--- crash.c
#include <stdio.h>
#pragma clang __debug crash
void scenario_command(const char *command) { (void)command; puts("v2"); }
