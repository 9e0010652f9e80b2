// The file is saved again while a patch is being built: that patch applies
// what it compiled, and the next one sees the later save, so the final state
// is the last save. The compiler is paused at a known point (a wrapper that
// waits on a fifo) so that the save really happens during the build.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: sed 's|@CC@|%cc|' %S/Inputs/pause-compiler.in > slow-cc.sh && chmod +x slow-cc.sh
// RUN: mkfifo started.fifo go.fifo
// RUN: env %cc_var=%t/slow-cc.sh %drive script | FileCheck %s
//
// CHECK: out: v1
// CHECK: sh exit=0
// CHECK: hcc: patched lib.c:
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v2
// CHECK-NEXT: hcc: patched lib.c:
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v3

//--- script
start ./prog
expect ^ready
send go
expect ^v
copy v2.c lib.c
patch-bg
# The patch compile has read lib.c (v2) and waits.
sh cat started.fifo
copy v3.c lib.c
sh echo go > go.fifo
patch-wait
send go
expect ^v
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

//--- v3.c
#include <stdio.h>
void scenario_command(const char *command) { (void)command; puts("v3"); }
