// A global function's body changes, and a static function that is reached
// both directly and through a function pointer taken before the patch; all
// three run the new code after one `hcc patch`, in the same process, at -O2.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: ready pid=[[PID:[0-9]+]]
// CHECK-NEXT: out: global=1 static=10 pointer=10
// CHECK: hcc: patched lib.c: {{.*}}(generation 1, {{[0-9]+}} ms)
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: global=2 static=20 pointer=20
// CHECK: out: bye pid=[[PID]]
// CHECK-NEXT: exit=0

//--- script
start ./prog
expect ^ready
send call
expect ^global
copy v2.c lib.c
patch
send call
expect ^global
close

//--- v1.c
#include <stdio.h>
int global_fn(int x) { return x; }
static int static_fn(int x) { return x * 10; }
static int (*saved)(int);
void scenario_command(const char *command) {
  if (!saved)
    saved = static_fn;
  printf("global=%d static=%d pointer=%d\n", global_fn(1), static_fn(1),
         saved(1));
}

//--- v2.c
#include <stdio.h>
int global_fn(int x) { return x + 1; }
static int static_fn(int x) { return x * 20; }
static int (*saved)(int);
void scenario_command(const char *command) {
  if (!saved)
    saved = static_fn;
  printf("global=%d static=%d pointer=%d\n", global_fn(1), static_fn(1),
         saved(1));
}
