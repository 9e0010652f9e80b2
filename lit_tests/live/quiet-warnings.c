// A patch compile shows the errors and the warnings inside the functions
// the patch changes or adds, counts the others, and --verbose shows them
// all: the edit changes scenario_command and the header's static inline
// x_scale (noinline: a static inlined everywhere has no body of its own to
// be changed) and adds `added` (their warnings shown), and leaves three
// functions with a warning each alone (counted).  A unit that does not
// compile has no patch summary: its errors are shown, its warnings counted.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c && cp x.v1.h x.h
// RUN: touch -d '1 hour ago' loop.c lib.c x.h
// RUN: %hcc -O2 -Wall -Wextra -c loop.c -o loop.o && %hcc -O2 -Wall -Wextra -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: v1
// CHECK-NEXT: In file included from lib.c:2:
// CHECK-NEXT: ./x.h:2:{{[0-9]+}}: warning: unused variable 'in_header'
// CHECK-NOT: warning:
// CHECK: lib.c:16:{{[0-9]+}}: warning: unused variable 'in_changed'
// CHECK-NOT: warning:
// CHECK: lib.c:20:{{[0-9]+}}: warning: unused variable 'in_new'
// CHECK-NOT: warning:
// CHECK-NOT: generated
// CHECK: hcc: 3 more warnings in lib.c (--verbose shows them)
// CHECK-NEXT: hcc: patched lib.c:
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v2
// CHECK-NEXT: hcc: dry run: recompile lib.c: it changed
// CHECK-NEXT: In file included from lib.c:2:
// CHECK-NEXT: ./x.h:2:{{[0-9]+}}: warning: unused variable 'in_header'
// CHECK: lib.c:5:{{[0-9]+}}: warning: unused variable 'untouched_a'
// CHECK: lib.c:9:{{[0-9]+}}: warning: unused variable 'untouched_b'
// CHECK: lib.c:12:{{[0-9]+}}: warning: unused variable 'untouched_c'
// CHECK: lib.c:17:{{[0-9]+}}: error: use of undeclared identifier 'nowhere'
// CHECK: 4 warnings and 1 error generated.
// CHECK-NEXT: hcc: error: dry run: would not be patched: lib.c did not compile
// CHECK-NEXT: patch exit=3
// CHECK-NEXT: hcc: dry run: recompile lib.c: it changed
// CHECK-NEXT: lib.c:17:{{[0-9]+}}: error: use of undeclared identifier 'nowhere'
// CHECK-NOT: warning:
// CHECK: 4 warnings and 1 error generated.
// CHECK-NEXT: hcc: 4 more warnings in lib.c (--verbose shows them)
// CHECK-NEXT: hcc: error: dry run: would not be patched: lib.c did not compile
// CHECK-NEXT: patch exit=3

//--- script
start ./prog
expect ^ready
send go
expect ^v1
copy x.v2.h x.h
copy v2.c lib.c
patch
send go
expect ^v2
copy v3.c lib.c
patch --dry-run --verbose
patch --dry-run
close

//--- x.v1.h
static inline __attribute__((noinline)) int x_scale(int v) {
  int in_header;
  return v * 3;
}

//--- x.v2.h
static inline __attribute__((noinline)) int x_scale(int v) {
  int in_header;
  return v * 5;
}

//--- v1.c
#include <stdio.h>
#include "x.h"
int added(int v);
int untouched_a(int v) {
  int untouched_a;
  return v;
}
int untouched_b(int v) {
  int untouched_b;
  return v + 1;
}
int untouched_c(int v) { int untouched_c;
  return v + 2; }
void scenario_command(const char *command) {
  (void)command;
  int in_changed;
  printf("v1 %d\n", x_scale(untouched_a(1)));
}

//--- v2.c
#include <stdio.h>
#include "x.h"
int added(int v);
int untouched_a(int v) {
  int untouched_a;
  return v;
}
int untouched_b(int v) {
  int untouched_b;
  return v + 1;
}
int untouched_c(int v) { int untouched_c;
  return v + 2; }
void scenario_command(const char *command) {
  (void)command;
  int in_changed;
  printf("v2 %d\n", x_scale(added(untouched_b(1))));
}
int added(int v) {
  int in_new;
  return v;
}

//--- v3.c
#include <stdio.h>
#include "x.h"
int added(int v);
int untouched_a(int v) {
  int untouched_a;
  return v;
}
int untouched_b(int v) {
  int untouched_b;
  return v + 1;
}
int untouched_c(int v) { int untouched_c;
  return v + 2; }
void scenario_command(const char *command) {
  (void)command;
  int in_changed;
  printf("v3 %d\n", nowhere);
}
