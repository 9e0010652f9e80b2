// A syntax error is reported with clang's own diagnostic and changes
// nothing: the program keeps running the previous generation. Fixing the
// error applies the patch.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: v1
// CHECK: lib.c:3:{{[0-9]+}}: error: {{.*}}
// CHECK: patch exit=3
// CHECK-NEXT: out: v1
// CHECK-NEXT: hcc: patched lib.c:
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v2

//--- script
start ./prog
expect ^ready
send go
expect ^v
copy broken.c lib.c
patch
send go
expect ^v
copy v2.c lib.c
patch
send go
expect ^v
close

//--- v1.c
#include <stdio.h>
void scenario_command(const char *command) {
  (void)command;
  puts("v1");
}

//--- broken.c
#include <stdio.h>
void scenario_command(const char *command) {
  (void)command puts("v2");
}

//--- v2.c
#include <stdio.h>
void scenario_command(const char *command) {
  (void)command;
  puts("v2");
}
