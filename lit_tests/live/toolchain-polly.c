// lib/hotpatch-toolchain, which runs hcc patch's compiles, is linked from
// Debian's static LLVM libraries, which lack Polly (the shared libLLVM
// clang-19 uses has it). A unit built with -mllvm -polly is therefore
// compiled by the clang executable, and its patch applies; given to the
// toolchain executable, the compile would fail ("Unknown command line
// argument '-polly'").
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -mllvm -polly -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: v1
// CHECK: hcc: patched lib.c: scenario_command (generation 1,
// CHECK: patch exit=0
// CHECK: out: v2
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^v1
copy v2.c lib.c
patch
send go
expect ^v2
close

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; puts("v1"); }

//--- v2.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; puts("v2"); }
