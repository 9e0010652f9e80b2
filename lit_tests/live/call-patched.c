// hcc call runs the code the process runs now, with the signature of that
// code: after a patch the new version (a changed body, a changed signature,
// a function the patch added), after a revert the old one again.  A static
// function is called by its name when one file has it, and as FILE:NAME
// when two do; a bare name two files share is refused, naming both.
//
// RUN: rm -rf %t && split-file %s %t && cd %t && mkdir .hotpatch
// RUN: cp %S/Inputs/loop.c loop.c && cp v1.c calc.c
// RUN: %hcc -O2 -c loop.c -o loop.o && %hcc -O2 -c calc.c -o calc.o
// RUN: %hcc -O2 -c other.c -o other.o && %hcc loop.o calc.o other.o -o prog
// RUN: %drive script | FileCheck %s
//
// CHECK: out: ready pid={{[0-9]+}}
// CHECK-NEXT: {{^}}1{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}1{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}10{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: 'helper' names 2 static functions (calc.c:calc.o:helper, other.c:other.o:helper): say which, as FILE:NAME
// CHECK-NEXT: hcc exit=1
// CHECK-NEXT: {{^}}10{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}20{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: hcc: error: process {{[0-9]+}}: no function 'added' in this process
// CHECK-NEXT: hcc exit=1
// CHECK: hcc: patched calc.c:
// CHECK: patch exit=0
// The new body and, for half(), the new signature (double, not int).
// CHECK-NEXT: {{^}}2{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}1.5{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}11{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}7{{$}}
// CHECK-NEXT: hcc exit=0
// The program's own calls agree.
// CHECK-NEXT: out: version=2 half=1.5 helper=11
// CHECK-NEXT: hcc: reverted to generation 0
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}1{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK-NEXT: {{^}}1{{$}}
// CHECK-NEXT: hcc exit=0
// CHECK: exit=0

//--- script
start ./prog
expect ^ready
hcc call --pid PID version
hcc call --pid PID half 3
hcc call --pid PID calc_helper
hcc call --pid PID helper
hcc call --pid PID calc.c:helper
hcc call --pid PID other.c:helper
hcc call --pid PID added 3 4
copy v2.c calc.c
patch
hcc call --pid PID version
hcc call --pid PID half 3
hcc call --pid PID calc.c:helper
hcc call --pid PID added 3 4
send show
expect ^version
hcc revert --pid PID
hcc call --pid PID version
hcc call --pid PID half 3
close

//--- other.c
__attribute__((used)) static int helper(void) { return 20; }
int other_helper(void) { return helper(); }

//--- v1.c
#include <stdio.h>
#include <string.h>
__attribute__((used)) static int helper(void) { return 10; }
int calc_helper(void) { return helper(); }
int version(void) { return 1; }
int half(int x) { return x / 2; }
void scenario_command(const char *command) {
  if (strcmp(command, "show") == 0)
    printf("version=%d half=%d helper=%d\n", version(), half(3), helper());
}

//--- v2.c
#include <stdio.h>
#include <string.h>
__attribute__((used)) static int helper(void) { return 11; }
int calc_helper(void) { return helper(); }
int version(void) { return 2; }
double half(double x) { return x / 2; }
int added(int a, int b) { return a + b; }
void scenario_command(const char *command) {
  if (strcmp(command, "show") == 0)
    printf("version=%d half=%g helper=%d\n", version(), half(3), helper());
}
