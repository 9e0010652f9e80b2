// HOTPATCH_PATCH_LINKER=driver links the patch with the clang driver, as
// before ld.lld was run directly: the patch applies, and no linker
// template (.hotpatch/patch-link.args) is learnt.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: env HOTPATCH_PATCH_LINKER=driver %drive script | FileCheck %s
//
// CHECK: out: ready pid=[[PID:[0-9]+]]
// CHECK-NEXT: out: old
// CHECK: hcc: patched lib.c: {{.*}}(generation 1, {{[0-9]+}} ms)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: new
// CHECK: no template
// CHECK-NEXT: sh exit=0
// CHECK: out: bye pid=[[PID]]
// CHECK-NEXT: exit=0

//--- script
start ./prog
expect ^ready
send call
expect ^old
copy v2.c lib.c
patch
send call
expect ^new
sh test -e .hotpatch/patch-link.args || echo no template
close

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) { puts("old"); }

//--- v2.c
#include <stdio.h>
void scenario_command(const char *command) { puts("new"); }
