// Two files change and one of them does not compile: nothing is applied,
// not even the good one. Fixing the broken file applies both at once.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp a.v1.c a.c && cp b.v1.c b.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c a.c -o a.o && %hcc -O2 -c b.c -o b.o
// RUN: %hcc loop.o a.o b.o -o prog
// RUN: %drive script | FileCheck %s --check-prefixes=CHECK,%compiler-prefix
//
// CHECK: out: a=1 b=1
// CHECK: b.c:{{[0-9]+}}:{{[0-9]+}}: error:
// CHECK: patch exit=3
// CHECK-NEXT: out: a=1 b=1
// clang folds b_value's constant result into its caller, which is patched
// too, as a fresh build would have it; gcc-12 -O2 calls the noinline
// function and uses its result, so its caller is unchanged.
// CLANG-NEXT: hcc: patched a.c: a_value; b.c: b_value, scenario_command (generation 1,
// GCC-NEXT: hcc: patched a.c: a_value; b.c: b_value (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: a=2 b=2

//--- script
start ./prog
expect ^ready
send go
expect ^a=
copy a.v2.c a.c
copy b.broken.c b.c
patch
send go
expect ^a=
copy b.v2.c b.c
patch
send go
expect ^a=
close

//--- a.v1.c
int a_value(void) { return 1; }

//--- a.v2.c
int a_value(void) { return 2; }

//--- b.v1.c
#include <stdio.h>
int a_value(void);
__attribute__((noinline)) int b_value(void) { return 1; }
void scenario_command(const char *command) {
  (void)command;
  printf("a=%d b=%d\n", a_value(), b_value());
}

//--- b.broken.c
#include <stdio.h>
int a_value(void);
__attribute__((noinline)) int b_value(void) { return 2 }
void scenario_command(const char *command) {
  (void)command;
  printf("a=%d b=%d\n", a_value(), b_value());
}

//--- b.v2.c
#include <stdio.h>
int a_value(void);
__attribute__((noinline)) int b_value(void) { return 2; }
void scenario_command(const char *command) {
  (void)command;
  printf("a=%d b=%d\n", a_value(), b_value());
}
