// hcc patch --dry-run answers with the exit codes of the real patch: 4 with
// the refusal when the edit cannot be applied live, 3 when a unit does not
// compile; nothing is applied either way, and once the edit is fixed a real
// patch applies it.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: touch -d '1 hour ago' loop.c lib.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: v1 total=5
// CHECK-NEXT: hcc: dry run: recompile lib.c: it changed
// CHECK: error: hotpatch: cannot patch global 'total' of lib.c: its type changed
// CHECK: hcc: error: dry run: would not be patched: the change to lib.c cannot be applied live (see above); process {{[0-9]+}} keeps running generation 0
// CHECK-NEXT: patch exit=4
// CHECK-NEXT: out: v1 total=10
// CHECK-NEXT: hcc: dry run: recompile lib.c: it changed
// CHECK: error:
// CHECK: hcc: error: dry run: would not be patched: lib.c did not compile; process {{[0-9]+}} keeps running generation 0
// CHECK-NEXT: patch exit=3
// CHECK-NEXT: out: v1 total=15
// CHECK-NEXT: hcc: patched lib.c: scenario_command (generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: v3 total=20

//--- script
start ./prog
expect ^ready
send go
expect ^v1
copy v2.c lib.c
patch --dry-run
send go
expect ^v1
copy broken.c lib.c
patch --dry-run
send go
expect ^v1
copy v3.c lib.c
patch
send go
expect ^v3
close

//--- v1.c
#include <stdio.h>
int total;
void scenario_command(const char *command) {
  (void)command;
  printf("v1 total=%d\n", total += 5);
}

//--- v2.c
#include <stdio.h>
long total;
void scenario_command(const char *command) {
  (void)command;
  printf("v2 total=%ld\n", total += 5);
}

//--- broken.c
#include <stdio.h>
int total;
void scenario_command(const char *command) {
  (void)command;
  printf("broken total=%d\n", total += 5)
}

//--- v3.c
#include <stdio.h>
int total;
void scenario_command(const char *command) {
  (void)command;
  printf("v3 total=%d\n", total += 5);
}
