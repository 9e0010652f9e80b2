// Constants of a gcc build, at -O0 and -O2.  An unchanged table of the
// unit's functions is the program's (imported, so the function pointers in
// it stay the program's); a static table whose content changes patches the
// functions that read it (their hashes include the content of what they
// read; at -O2 also scenario_command, which inlined one) and they read the
// new content; an `extern const` table whose content changes is updated in
// place, so an unchanged reader in another file sees the new content too,
// at the same address.
//
// REQUIRES: gcc-plugin
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c
// RUN: for o in O0 O2; do \
// RUN:   cp v1.c table.c && %hcc-gcc -$o -c table.c -o table.o && \
// RUN:   %hcc-gcc -$o -c reader.c -o reader.o && %hcc-gcc -$o -c loop.c -o loop.o && \
// RUN:   %hcc-gcc loop.o table.o reader.o -o prog && \
// RUN:   %drive script > $o.txt 2>&1 || { cat $o.txt; exit 1; }; \
// RUN: done
// RUN: FileCheck %s < O0.txt
// RUN: FileCheck %s < O2.txt
//
// CHECK: out: op=3 same-op=1 weight=2 limit=10 at [[ADDR:0x[0-9a-f]+]]
// CHECK: hcc: patched table.c: weighted, {{(scenario_command, )?}}limits (constant)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: op=3 same-op=1 weight=20 limit=99 at [[ADDR]]
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
send 1
expect ^op
copy v2.c table.c
patch
send 1
expect ^op
close

//--- reader.c
extern const int limits[4];
int limit_of(int i) { return limits[i]; }
const void *limits_at(void) { return limits; }

//--- v1.c
#include <stdio.h>
#include <stdlib.h>
int add(int a, int b) { return a + b; }
int sub(int a, int b) { return a - b; }
static int (*const ops[])(int, int) = {add, sub};
static const int weights[] = {1, 2, 3};
const int limits[4] = {5, 10, 15, 20};
int limit_of(int i);
const void *limits_at(void);
int weighted(int i) { return weights[i]; }
void scenario_command(const char *command) {
  int i = atoi(command);
  printf("op=%d same-op=%d weight=%d limit=%d at %p\n", ops[i - 1](1, 2),
         ops[i - 1] == add, weighted(i), limit_of(i), limits_at());
}

//--- v2.c
#include <stdio.h>
#include <stdlib.h>
int add(int a, int b) { return a + b; }
int sub(int a, int b) { return a - b; }
static int (*const ops[])(int, int) = {add, sub};
static const int weights[] = {10, 20, 30};
const int limits[4] = {5, 99, 15, 20};
int limit_of(int i);
const void *limits_at(void);
int weighted(int i) { return weights[i]; }
void scenario_command(const char *command) {
  int i = atoi(command);
  printf("op=%d same-op=%d weight=%d limit=%d at %p\n", ops[i - 1](1, 2),
         ops[i - 1] == add, weighted(i), limit_of(i), limits_at());
}
