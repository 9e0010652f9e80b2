// A program built with -fsanitize=undefined can be hot-patched, and the
// patch is instrumented like the program: v2 runs with no report, v3's
// signed overflow is reported from the patched function, and the program
// goes on (UBSan's default is to report and continue).
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -fsanitize=undefined -O1 -c loop.c -o loop.o && %hcc -fsanitize=undefined -O1 -c lib.c -o lib.o
// RUN: %hcc -fsanitize=undefined loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s

// CHECK: out: f=2
// CHECK: hcc: patched lib.c: f
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: f=3
// CHECK: hcc: patched lib.c: f
// CHECK-NEXT: patch exit=0
// CHECK-NOT: runtime error
// CHECK: err: lib.c:{{[0-9]+}}:{{[0-9]+}}: runtime error: signed integer overflow
// CHECK: out: f=
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send call
expect ^f=
copy v2.c lib.c
patch
send call
expect ^f=
copy v3.c lib.c
patch
send call
expect-err runtime error
expect ^f=
close

//--- v1.c
#include <limits.h>
#include <stdio.h>
#include <string.h>

volatile int base = 1;
__attribute__((noinline)) int f(void) { return base + 1; }

void scenario_command(const char *command) {
  if (strcmp(command, "call") == 0)
    printf("f=%d\n", f());
}

//--- v2.c
#include <limits.h>
#include <stdio.h>
#include <string.h>

volatile int base = 1;
__attribute__((noinline)) int f(void) { return base + 2; }

void scenario_command(const char *command) {
  if (strcmp(command, "call") == 0)
    printf("f=%d\n", f());
}

//--- v3.c
#include <limits.h>
#include <stdio.h>
#include <string.h>

volatile int base = 1;
__attribute__((noinline)) int f(void) { return base + INT_MAX; }

void scenario_command(const char *command) {
  if (strcmp(command, "call") == 0)
    printf("f=%d\n", f());
}
