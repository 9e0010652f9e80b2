// A struct definition in a header changes layout and the struct is the
// type of a mutable global: existing storage cannot take the new layout,
// so the patch is refused with a message naming the global, and the
// process keeps running its code (generation 0).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp config.v1.h config.h
// RUN: for f in loop a; do %hcc -O2 -c $f.c -o $f.o || exit 1; done
// RUN: %hcc loop.o a.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: level=1 count=1
// CHECK: hotpatch: cannot patch global 'settings' of a.c: its type changed
// CHECK: hcc: error: not patched: the change to a.c cannot be applied live
// CHECK-NEXT: patch exit=4
// CHECK-NEXT: {{[0-9]+}} generation=0
// CHECK: out: level=1 count=2
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send go
expect ^level
copy config.v2.h config.h
patch
hcc status --pid PID
send go
expect ^level
close

//--- config.v1.h
struct config { int level; int count; };

//--- config.v2.h
struct config { long level; int count; int extra; };

//--- a.c
#include <stdio.h>
#include "config.h"
struct config settings = {1, 0};
void scenario_command(const char *command) {
  (void)command;
  settings.count++;
  printf("level=%d count=%d\n", (int)settings.level, settings.count);
}
