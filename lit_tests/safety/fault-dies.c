// A patch introduces a NULL dereference.  When the new code faults, the
// runtime names the function, its generation, where it faulted (function
// offset, module, patch file and the address for addr2line), points the
// slots back at generation 0, and, since this thread has no resume point
// (hotpatch_safepoint() alone is not one), the program dies of SIGSEGV:
// the exit status shows the signal.  The address printed maps to the
// faulting line of the patched source.
//
// RUN: rm -rf %t && split-file --leading-lines %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/../live/Inputs/loop.c loop.c && cp v1.c lib.c
// RUN: %hcc -O1 -g -c loop.c -o loop.o && %hcc -O1 -g -c lib.c -o lib.o
// RUN: %hcc loop.o lib.o -o prog
// RUN: %drive script > out.txt; cat out.txt | FileCheck %s
// RUN: sh -c "$(sed -n 's/.*source line: //p' out.txt)" | FileCheck --check-prefix=LINE %s

// CHECK: out: f=1
// CHECK: hcc: patched lib.c: f
// CHECK-NEXT: patch exit=0
// CHECK: err: hotpatch: patched function 'f' (generation 1) faulted with SIGSEGV at f+0x{{[0-9a-f]+}} in module lib.c{{.*}}; patch {{.*}}, source line: addr2line -fie {{.*}} 0x{{[0-9a-f]+}}
// CHECK-NEXT: err: hotpatch: reverted to generation 0
// CHECK-NEXT: err: hotpatch: no resume point on this thread; the program dies of SIGSEGV
// CHECK-NOT: f=
// CHECK: exit=-11

//--- script
start ./prog
expect ^ready
send call
expect ^f=
copy v2.c lib.c
patch
send call
expect-err faulted
close

//--- v1.c
#include <hotpatch.h>
#include <stdio.h>
#include <string.h>

int *volatile nothing;
int one = 1;
__attribute__((noinline)) int f(void) { return one; }

void scenario_command(const char *command) {
  hotpatch_safepoint();
  if (strcmp(command, "call") == 0)
    printf("f=%d\n", f());
}

//--- v2.c
#include <hotpatch.h>
#include <stdio.h>
#include <string.h>

int *volatile nothing;
int one = 1;
__attribute__((noinline)) int f(void) { return *nothing; } // LINE: lib.c:[[#@LINE]]

void scenario_command(const char *command) {
  hotpatch_safepoint();
  if (strcmp(command, "call") == 0)
    printf("f=%d\n", f());
}
