// Publishing cannot fail silently.  Slot pages are read-only, and making
// one writable (mprotect) can fail; the runtime does it before the commit
// point of an apply or a revert, so a failure refuses the request with a
// message and changes nothing.  HOTPATCH_TEST_FAIL_MPROTECT (a test
// switch, runtime/syscalls.h) makes chosen mprotect calls of the runtime
// fail: call 1 protects the program's slot pages at start, call 2 is the
// first apply (refused), 3 and 4 open and close for the second apply,
// call 5 is the first revert (refused), 6 and 7 the second revert.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O1 -c loop.c -o loop.o && %hcc -O1 -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script | FileCheck %s

// CHECK: out: f=1 generation=0
// CHECK: hcc: error: {{.*}}cannot make the function slots writable: Cannot allocate memory; nothing was changed
// CHECK: patch exit=1
// CHECK-NEXT: out: f=1 generation=0
// CHECK: hcc: patched lib.c: {{.*}}(generation 1,
// CHECK-NEXT: patch exit=0
// CHECK-NEXT: out: f=2 generation=1
// CHECK: cannot revert: cannot make the function slots writable: Cannot allocate memory; nothing was changed
// CHECK: hcc exit=1
// CHECK-NEXT: out: f=2 generation=1
// CHECK-NEXT: hcc: reverted to generation 0
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: out: f=1 generation=0
// CHECK: exit=0

//--- script
start env HOTPATCH_TEST_FAIL_MPROTECT=2,5 ./prog
expect ^ready
send call
expect ^f=
copy v2.c lib.c
patch
send call
expect ^f=
patch
send call
expect ^f=
hcc revert --pid PID
send call
expect ^f=
hcc revert --pid PID
send call
expect ^f=
close

//--- v1.c
#include <hotpatch.h>
#include <stdio.h>
#include <string.h>

volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 1; }

void scenario_command(const char *command) {
  if (strcmp(command, "call") == 0)
    printf("f=%d generation=%lu\n", f(), hotpatch_generation());
}

//--- v2.c
#include <hotpatch.h>
#include <stdio.h>
#include <string.h>

volatile int zero;
__attribute__((noinline)) int f(void) { return zero + 2; }

void scenario_command(const char *command) {
  if (strcmp(command, "call") == 0)
    printf("f=%d generation=%lu\n", f(), hotpatch_generation());
}
